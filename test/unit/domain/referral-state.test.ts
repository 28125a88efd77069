import { describe, expect, it } from 'vitest';
import { transition, type ReferralState } from '../../../shared/domain/referral-state.js';

describe('the referral state machine', () => {
  it.each<[ReferralState, Parameters<typeof transition>[1], ReferralState]>([
    ['sent', { type: 'accept' }, 'accepted'],
    ['created', { type: 'accept' }, 'accepted'],
    ['sent', { type: 'decline', reason: 'lack_of_capacity' }, 'declined'],
    ['accepted', { type: 'outcome', outcome: 'done' }, 'completed'],
    ['accepted', { type: 'outcome', outcome: 'not_done' }, 'not_completed'],
    ['sent', { type: 'outcome', outcome: 'done' }, 'completed'],
    ['sent', { type: 'cancel', reason: 'other' }, 'cancelled'],
    // Withdrawn by the coordinator after the office accepted, before its outcome came back.
    ['accepted', { type: 'cancel', reason: 'no_longer_needed' }, 'cancelled'],
  ])('%s + %o → %s', (from, event, to) => {
    expect(transition(from, event)).toMatchObject({ kind: 'move', to });
  });

  it('treats the same answer twice as a harmless repeat', () => {
    expect(transition('accepted', { type: 'accept' })).toEqual({ kind: 'repeat', state: 'accepted' });
    expect(transition('declined', { type: 'decline', reason: 'other' })).toEqual({ kind: 'repeat', state: 'declined' });
  });

  it('a second "release" is a repeat whether the released referral is still to be sent or already sent; an answered one is refused', () => {
    expect(transition('waiting', { type: 'release' })).toMatchObject({ kind: 'move', to: 'created' });
    expect(transition('created', { type: 'release' })).toEqual({ kind: 'repeat', state: 'created' });
    expect(transition('sent', { type: 'release' })).toEqual({ kind: 'repeat', state: 'sent' });
    expect(transition('accepted', { type: 'release' })).toMatchObject({ kind: 'refused' });
  });

  it.each<[ReferralState, Parameters<typeof transition>[1]]>([
    ['declined', { type: 'accept' }],
    ['accepted', { type: 'decline', reason: 'other' }],
    ['completed', { type: 'outcome', outcome: 'not_done' }],
    ['cancelled', { type: 'accept' }],
    ['completed', { type: 'cancel', reason: 'other' }],
    ['not_completed', { type: 'cancel', reason: 'other' }],
    ['declined', { type: 'cancel', reason: 'other' }],
  ])('refuses %s + %o with a clear message', (from, event) => {
    const out = transition(from, event);
    expect(out.kind).toBe('refused');
    expect(out.kind === 'refused' && out.message).toMatch(/^this referral is already [a-z ]+; it cannot be (accepted|declined|cancelled|given an outcome) now$/);
  });
});
