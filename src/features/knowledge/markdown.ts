// Articles are written in Markdown by team leaders and read by every advisor, so what they write
// must never run in an advisor's browser: raw HTML is not passed through (it shows as text) and a
// link goes only to a web page, an email address, a phone number or a page of this site.
import MarkdownIt from 'markdown-it'

const SAFE_LINK = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true })
markdown.validateLink = (url: string) => SAFE_LINK.test(url.trim())

// GOV.UK Frontend's classes, so an article reads like the rest of the page.
const CLASSES: Record<string, string> = {
  paragraph_open: 'govuk-body',
  bullet_list_open: 'govuk-list govuk-list--bullet',
  ordered_list_open: 'govuk-list govuk-list--number',
  link_open: 'govuk-link',
  table_open: 'govuk-table',
}
const HEADINGS: Record<string, string> = { h1: 'govuk-heading-l', h2: 'govuk-heading-m', h3: 'govuk-heading-s' }

markdown.core.ruler.push('govuk_classes', (state) => {
  for (const token of state.tokens) {
    const all = token.children ? [token, ...token.children] : [token]
    for (const t of all) {
      const cls = t.type === 'heading_open' ? (HEADINGS[t.tag] ?? 'govuk-heading-s') : CLASSES[t.type]
      if (cls) t.attrSet('class', cls)
    }
  }
  return true
})

/** The article's Markdown as HTML that is safe to put on a page as it is. */
export function renderMarkdown(source: string): string {
  return markdown.render(source)
}
