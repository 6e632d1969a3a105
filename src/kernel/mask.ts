// E-mail addresses as logs and command output may show them: enough to recognise, not enough to use.

/** 'john@example.com' and 'John <john@example.com>' → 'j***@example.com'; a one-letter local part shows none of it; no '@' → '***'. */
export function maskEmail(email: string): string {
  const address = (/<([^<>]*)>/.exec(email)?.[1] ?? email).trim();
  const at = address.lastIndexOf('@');
  if (at < 0) return '***';
  const local = address.slice(0, at);
  return `${local.length > 1 ? local.slice(0, 1) : ''}***${address.slice(at)}`;
}
