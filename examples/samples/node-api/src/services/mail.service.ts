import nodemailer from 'nodemailer';

export class MailService {
  private transport = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 587 });

  async send(to: string, subject: string, text: string): Promise<void> {
    await this.transport.sendMail({ from: 'no-reply@shelf.example', to, subject, text });
  }
}
