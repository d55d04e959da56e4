/**
 * The system context's public face. Empty on purpose: setup, backups, the demo firm, search, health and the audit
 * log call into the other contexts, and no context depends on them.
 */
export {};
