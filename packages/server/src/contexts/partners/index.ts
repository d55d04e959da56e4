/**
 * The partners context's public face. Empty: nothing calls into partners. Order money writes the draft settlement
 * entries it owns (through its repositories and the root's DB type) and the composition root wires partners' ports.
 */
export {};
