import { alertEmail, alertText, nextAlertAt, queueUrl, webhookBody } from './alert-message';

describe('crisis alert words', () => {
  const facts = { waitingMinutes: 1, reminder: 1, queueUrl: 'https://steady.example.org/moderate' };

  it('say how long, which reminder, and where the queue is: nothing else', () => {
    expect(alertText(facts)).toBe(
      'A post from someone who may be in crisis has waited 1 minute and no moderator has opened it yet. Please open the moderation queue: https://steady.example.org/moderate',
    );
    expect(alertText({ ...facts, waitingMinutes: 12, reminder: 3 })).toContain(
      'waited 12 minutes and no moderator has opened it yet (reminder 2)',
    );
    expect(webhookBody(facts)).toEqual({
      text: alertText(facts),
      body: alertText(facts),
      msgtype: 'm.text',
      event: 'steady.crisis_waiting',
      waitingMinutes: 1,
      reminder: 1,
      queueUrl: facts.queueUrl,
    });
    expect(alertEmail(facts).subject).toBe('Steady: a crisis post has waited 1 minute');
  });

  it('link to /moderate under PUBLIC_URL, path and all', () => {
    expect(queueUrl(undefined)).toBe('http://localhost:3000/moderate');
    expect(queueUrl('https://steady.example.org')).toBe('https://steady.example.org/moderate');
    expect(queueUrl('https://example.org/steady/')).toBe('https://example.org/steady/moderate');
    expect(queueUrl('https://example.org/steady')).toBe('https://example.org/steady/moderate');
  });

  it('come again after as long as the first wait, then twice as long each time, capped', () => {
    const sent = new Date('2026-12-06T12:00:00Z');
    const gaps = [1, 2, 3, 4, 5, 6, 40].map((round) => (nextAlertAt(sent, round, 5, 60).getTime() - sent.getTime()) / 60_000);
    expect(gaps).toEqual([5, 10, 20, 40, 60, 60, 60]);
    expect((nextAlertAt(sent, 3, 0.5, 60).getTime() - sent.getTime()) / 1000).toBe(120);
  });
});
