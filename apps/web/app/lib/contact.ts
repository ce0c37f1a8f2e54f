// How to reach a safety service, as written in content/resources.md ("Call or text 988, or chat
// at 988lifeline.org"), split into plain words and links: tel: for numbers to call, sms: for a
// number to text ("text START to 88788"), mailto: and https: for the rest.

export interface ContactPart {
  text: string;
  href?: string;
}

const TOKEN =
  /([\w.+-]+@[\w-]+(?:\.[\w-]+)+)|((?:https?:\/\/)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|uk|ca|au|ie|eu|info)(?:\/[^\s,)]*)?)|(\d[\d -]*\d)/gi;

export function contactParts(contact: string): ContactPart[] {
  const parts: ContactPart[] = [];
  let last = 0;
  for (const match of contact.matchAll(TOKEN)) {
    const [token, email, site, number] = match;
    const at = match.index ?? 0;
    let href: string | undefined;
    if (email) href = `mailto:${email}`;
    else if (site) href = site.startsWith('http') ? site : `https://${site}`;
    else if (number) {
      const digits = number.replace(/\D/g, '');
      if (digits.length >= 3) {
        const before = contact.slice(Math.max(0, at - 40), at);
        const texting = /\btext\s+[A-Z]+\s+to\s+$/i.test(before);
        const keyword = before.match(/\btext\s+([A-Z]+)\s+to\s+$/i)?.[1];
        href = texting ? `sms:${digits}${keyword ? `?&body=${encodeURIComponent(keyword)}` : ''}` : `tel:${digits}`;
      }
    }
    if (!href) continue;
    if (at > last) parts.push({ text: contact.slice(last, at) });
    parts.push({ text: token, href });
    last = at + token.length;
  }
  if (last < contact.length) parts.push({ text: contact.slice(last) });
  return parts;
}

/** One tap that reaches a service: a call, a text, a chat page or an e-mail. */
export interface ContactAction {
  kind: 'call' | 'text' | 'web' | 'email';
  /** What the button says: "Call 988", "Text START to 88788", "Chat at 988lifeline.org". */
  label: string;
  href: string;
}

/**
 * The ways to reach a service as buttons, calls and texts first. "Call or text 988" gives both a
 * call and a text to the same number, since the service takes either.
 */
export function contactActions(contact: string): ContactAction[] {
  const actions: ContactAction[] = [];
  let before = '';
  for (const part of contactParts(contact)) {
    if (!part.href) {
      before += part.text;
      continue;
    }
    if (part.href.startsWith('tel:')) {
      actions.push({ kind: 'call', label: `Call ${part.text}`, href: part.href });
      if (/\bcall or text\s+$/i.test(before)) {
        actions.push({ kind: 'text', label: `Text ${part.text}`, href: `sms:${part.href.slice('tel:'.length)}` });
      }
    } else if (part.href.startsWith('sms:')) {
      const keyword = before.match(/\btext\s+([A-Z]+)\s+to\s+$/i)?.[1];
      actions.push({
        kind: 'text',
        label: keyword ? `Text ${keyword} to ${part.text}` : `Text ${part.text}`,
        href: part.href,
      });
    } else if (part.href.startsWith('mailto:')) {
      actions.push({ kind: 'email', label: `Email ${part.text}`, href: part.href });
    } else {
      actions.push({
        kind: 'web',
        label: /\bchat\b[^,]*$/i.test(before) ? `Chat at ${part.text}` : `Open ${part.text}`,
        href: part.href,
      });
    }
    before = '';
  }
  const order = { call: 0, text: 1, web: 2, email: 3 };
  return actions.sort((a, b) => order[a.kind] - order[b.kind]);
}
