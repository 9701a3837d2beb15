// Hostile inputs the security suite throws at every parameter and free-text field.

/** Classic and engine-specific SQL injection: quotes, comments, stacked queries, unions, casts, sleeps. */
export const SQL_INJECTION = [
  "' OR '1'='1",
  "' OR 1=1 --",
  '" OR ""="',
  '1; DROP TABLE resident; --',
  "1' UNION SELECT name, sql FROM sqlite_master --",
  "1' UNION SELECT usename, passwd FROM pg_shadow --",
  "'; SELECT pg_sleep(5); --",
  '1 AND (SELECT 1 FROM (SELECT SLEEP(5))x)',
  "%' OR '%'='",
  "\\'; --",
  '1)) OR ((1=1',
  "smith' /*",
  "x'||(SELECT password_hash FROM staff_user LIMIT 1)||'",
  '1e309',
  // Larger than any id a PostgreSQL integer can hold: must be refused, not sent to the database.
  '2147483648',
  '99999999999',
  '-1',
  'NULL',
  "\u0000'",
]

/** Stored cross-site scripting: each must come back as text, never as markup. */
export const XSS = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=1">',
  "'><svg onload=window.__xss=1>",
  '<a href="javascript:window.__xss=1">click</a>',
  '{{ 7*7 }}{% raw %}',
  '</textarea><iframe srcdoc="<script>parent.__xss=1</script>">',
]

/** Markers that mean a database error leaked into an answer. */
export const SQL_ERROR_MARKERS =
  /sqlite|syntax error|SQLITE_|postgres|pg_|unterminated|near "|relation "|column "|ERR_SQLITE|stack/i
