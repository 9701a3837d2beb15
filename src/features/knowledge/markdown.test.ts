// Articles are written by team leaders and read by every advisor: nothing written in one may run.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { renderMarkdown } from './markdown.ts'

describe('article Markdown', () => {
  it('renders headings, lists and links with GOV.UK classes', () => {
    const html = renderMarkdown(
      '## Bin days\n\n* Blue bin\n* Black bin\n\nSee [the calendar](https://example.org/bins).',
    )
    assert.match(html, /<h2 class="govuk-heading-m">Bin days<\/h2>/)
    assert.match(html, /<ul class="govuk-list govuk-list--bullet">\s*<li>Blue bin<\/li>/)
    assert.match(html, /<a href="https:\/\/example.org\/bins" class="govuk-link">the calendar<\/a>/)
  })

  it('shows raw HTML as text, so a script or an event handler never runs', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>')
    assert.doesNotMatch(html, /<script|<img/i)
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
  })

  it('makes links that are not to a web page, an address, a phone or this site inert', () => {
    for (const target of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'vbscript:x',
      'data:text/html,hi',
      '//evil.example',
    ]) {
      const html = renderMarkdown(`[click](${target})`)
      assert.doesNotMatch(html, /<a /, target)
      assert.doesNotMatch(html, /href=/, target)
    }
    assert.doesNotMatch(renderMarkdown('![x](javascript:alert(1))'), /<img/)
    assert.match(renderMarkdown('[form](/staff/knowledge)'), /href="\/staff\/knowledge"/)
    assert.match(renderMarkdown('[email](mailto:help@council.example)'), /href="mailto:help@council.example"/)
  })
})
