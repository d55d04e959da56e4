/** SMTP delivery through nodemailer; one transport per send, since settings can change between messages. */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  password: string | null;
  from: string;
  replyTo: string | null;
}

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export async function sendSmtp(settings: SmtpSettings, message: OutgoingMessage): Promise<{ messageId: string }> {
  // nodemailer (about 14 MB resident) is loaded by the first message sent, not at start-up (issue 21).
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.username ? { auth: { user: settings.username, pass: settings.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({
      from: settings.from,
      ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
      to: message.to,
      subject: message.subject,
      text: message.text,
      attachments: message.attachments ?? [],
    });
    return { messageId: String(info.messageId ?? '') };
  } finally {
    transport.close();
  }
}
