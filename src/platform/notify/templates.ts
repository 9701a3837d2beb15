// The words of each email Frontdoor sends, in plain English as GOV.UK writes to people: what
// happened, what to do, what to do if it was not them. Plain text only, so every mail program
// shows the same thing and there is no markup to go wrong. The council's name and the links come
// from the notification's personalisation.
import type { EmailTemplate } from './outbox.ts'
import { EMAIL_TEMPLATES } from './outbox.ts'
import { translate } from '../i18n/translate.ts'

export type RenderedEmail = { subject: string; body: string }

/**
 * Personalisation fields that let someone into an account (a link carrying a single-use token).
 * They are removed from the notification once it has been sent or has failed for good.
 */
const SECRET_FIELDS: readonly string[] = ['link']

export class TemplateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TemplateError'
  }
}

type Fields = Record<string, string>
type Template = { needs: readonly string[]; render(fields: Fields): RenderedEmail }

/** A template and the fields it cannot do without; renderEmail checks they are there before it runs. */
function define<const Need extends string>(
  needs: readonly Need[],
  render: (fields: Record<Need, string> & { councilPhone?: string }) => RenderedEmail,
): Template {
  return { needs, render: render as Template['render'] }
}

function paragraphs(...lines: string[]): string {
  return lines.join('\n\n') + '\n'
}

type Said = (text: string) => string

/** The email's words in the language in its personalisation (English when none): a resident's sign-in emails follow them. */
function wordsFor(fields: Fields): Said {
  return (text) => translate(fields.language, text, fields)
}

/** How to reach the council when something looks wrong: a phone number when the council gave one. */
function contactLine(t: Said, fields: { councilPhone?: string }, when: 'straight away' | 'to tell us'): string {
  if (when === 'to tell us')
    return fields.councilPhone
      ? t('Then phone {councilName} on {councilPhone} to tell us.')
      : t('Then contact {councilName} to tell us.')
  return fields.councilPhone
    ? t('If you did not make this change, phone {councilName} on {councilPhone} straight away.')
    : t('If you did not make this change, contact {councilName} straight away.')
}

const TEMPLATES: Record<EmailTemplate, Template> = {
  'verify-email': define(['councilName', 'link'], (f) => {
    const t = wordsFor(f)
    return {
      subject: t('Confirm your email address for {councilName}'),
      body: paragraphs(
        t('Confirm your email address to finish setting up your {councilName} account.'),
        `${t('Open this link and select "Confirm email address":')}\n${f.link}`,
        t('The link works once and stops working after 24 hours.'),
        t('If you did not ask for this, you do not need to do anything. Nothing changes unless the link is used.'),
        f.councilName,
      ),
    }
  }),
  'reset-password': define(['councilName', 'link'], (f) => {
    const t = wordsFor(f)
    return {
      subject: t('Reset your {councilName} account password'),
      body: paragraphs(
        t('We received a request to reset the password for your {councilName} account.'),
        `${t('To choose a new password, open this link:')}\n${f.link}`,
        t('The link works once and stops working after 1 hour.'),
        t(
          'If you did not ask to reset your password, you do not need to do anything. Your password has not been changed.',
        ),
        f.councilName,
      ),
    }
  }),
  'account-locked': define(['councilName', 'minutes', 'forgotPasswordUrl'], (f) => {
    const t = wordsFor(f)
    return {
      subject: t('Your {councilName} account is locked for {minutes} minutes'),
      body: paragraphs(
        t(
          'Someone entered the wrong password for your {councilName} account too many times. To keep your account safe, we have locked it for {minutes} minutes.',
        ),
        `${t('If this was you, wait {minutes} minutes and try again, or reset your password:')}\n${f.forgotPasswordUrl}`,
        t(
          'If this was not you, reset your password as soon as you can. Someone may know your email address and be trying to guess your password.',
        ),
        f.councilName,
      ),
    }
  }),
  // Staff cannot reset their own password (an administrator does), so no reset link; a lock they
  // did not cause is a matter for their IT security team, not the council's public phone line.
  // Staff pages are in English, so this email is too.
  'staff-account-locked': define(['councilName', 'minutes', 'signInUrl'], (f) => ({
    subject: `Your ${f.councilName} staff account is locked for ${f.minutes} minutes`,
    body: paragraphs(
      `Someone entered the wrong password or security code for your ${f.councilName} staff account too many times. To keep the account safe, we have locked it for ${f.minutes} minutes.`,
      `If this was you, wait ${f.minutes} minutes and sign in again:\n${f.signInUrl}`,
      'If you have forgotten your password or lost the phone with your authenticator app, ask your system administrator to reset your account.',
      'If this was not you, tell your IT security team straight away. Someone may be trying to get into your account.',
      f.councilName,
    ),
  })),
  'email-changed': define(['councilName'], (f) => {
    const t = wordsFor(f)
    return {
      subject: t('The email address for your {councilName} account has changed'),
      body: paragraphs(
        t(
          'The email address for your {councilName} account has been changed. We will send messages about your account to the new address from now on.',
        ),
        contactLine(t, f, 'straight away'),
        f.councilName,
      ),
    }
  }),
  'password-changed': define(['councilName', 'forgotPasswordUrl'], (f) => {
    const t = wordsFor(f)
    return {
      subject: t('Your {councilName} account password has been changed'),
      body: paragraphs(
        t(
          'The password for your {councilName} account has been changed. You have been signed out on every other device.',
        ),
        `${t('If you did not change it, reset your password now:')}\n${f.forgotPasswordUrl}`,
        contactLine(t, f, 'to tell us'),
        f.councilName,
      ),
    }
  }),
  // Sent both when someone creates an account and when someone changes their account's email to an
  // address that already has one, so its words must be true of either.
  'account-exists': define(['councilName', 'signInUrl', 'forgotPasswordUrl'], (f) => {
    const t = wordsFor(f)
    return {
      subject: t('You already have a {councilName} account'),
      body: paragraphs(
        t(
          "Someone tried to use this email address for a {councilName} account, either by creating a new account or by changing another account's email address to this one. There is already an account for this address, so we have not made another or moved one to it.",
        ),
        `${t('To sign in, go to:')}\n${f.signInUrl}`,
        `${t('If you have forgotten your password, you can reset it:')}\n${f.forgotPasswordUrl}`,
        t('If this was not you, you do not need to do anything. Your account has not been changed.'),
        f.councilName,
      ),
    }
  }),
  // Sent to the address being closed, so a closure the owner did not make does not go unnoticed.
  'account-closed': define(['councilName'], (f) => {
    const t = wordsFor(f)
    return {
      subject: t('Your {councilName} account has been closed'),
      body: paragraphs(
        t(
          'Your {councilName} account has been closed. You can no longer sign in with it, and we have removed your name, email address and password from it.',
        ),
        t(
          'We keep the council record of what you have asked us for. You can still contact us by phone, by letter or in person, and you can create a new account with this email address at any time.',
        ),
        contactLine(t, f, 'straight away'),
        f.councilName,
      ),
    }
  }),
}

function isEmailTemplate(name: string): name is EmailTemplate {
  return (EMAIL_TEMPLATES as readonly string[]).includes(name)
}

/** The subject and body of a queued email. Throws naming the template or field (never a value) when it cannot be written. */
export function renderEmail(template: string, personalisation: Record<string, string>): RenderedEmail {
  if (!isEmailTemplate(template)) throw new TemplateError(`unknown template ${template}`)
  const definition = TEMPLATES[template]
  const missing = definition.needs.filter(
    (field) => typeof personalisation[field] !== 'string' || personalisation[field] === '',
  )
  if (missing.length > 0) throw new TemplateError(`template ${template} is missing ${missing.join(', ')}`)
  return definition.render(personalisation)
}

/** The personalisation with every single-use link removed: what is kept once a message has gone. */
export function withoutSecrets(personalisation: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(personalisation).filter(([field]) => !SECRET_FIELDS.includes(field)))
}
