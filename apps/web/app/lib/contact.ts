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
