// Text made safe to put in HTML or SVG markup, as the templates' autoescape makes it, for markup
// built in code (a council's words marked as English, a chart's title inside its SVG).
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character)
}
