// The senders a running server uses, from its configuration: email through GOV.UK Notify when its
// key is set, otherwise SMTP (or .eml files without SMTP_URL); text messages through Notify only
// (without a key they wait, and after their tries show as failed on the staff's list); letters
// into the day's print batch.
import type { Config } from '../../config.ts'
import type { Database } from '../db/database.ts'
import { letterSender } from './letters.ts'
import { mailerFor } from './mailers.ts'
import { notifySender } from './notify-sender.ts'
import type { Senders } from './senders.ts'
import { mailerSender } from './senders.ts'

export function sendersFor(config: Pick<Config, 'notify' | 'smtpUrl' | 'dataDir'>, database: Database): Senders {
  const notify = config.notify
  return {
    email: notify ? notifySender(notify, 'email') : mailerSender(mailerFor(config)),
    ...(notify ? { sms: notifySender(notify, 'sms') } : {}),
    letter: letterSender(database),
  }
}
