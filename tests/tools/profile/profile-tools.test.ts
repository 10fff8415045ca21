import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderProfile } from '../../../tools/profile/get-profile.ts';
import type { ProfileView } from '../../../tools/profile/profile.ts';
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.ts';

describe('get_profile and update_profile: digest settings and the e-mail address', () => {
  let t: TestRuntime;

  beforeAll(async () => {
    t = await startTestRuntime();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts with the digest defaults and no address', async () => {
    const profile = (await t.call('get_profile', {})) as ProfileView;
    expect(profile).toMatchObject({
      digestSize: 5,
      digestEmptyNotice: false,
      digestEmail: true,
      email: null,
    });
    expect(renderProfile(profile)).toContain('On a day with nothing new: no message');
    expect(renderProfile(profile)).toContain('E-mail: not by e-mail (no address given)');
  });

  it('stores the address on the user and the digest settings on the profile, and shows them', async () => {
    const updated = (await t.call('update_profile', {
      email: '  ada@example.com ',
      digestSize: 12,
      digestEmptyNotice: true,
      roles: ['backend engineer'],
    })) as ProfileView;
    expect(updated).toMatchObject({ email: 'ada@example.com', digestSize: 12, digestEmptyNotice: true });
    const again = (await t.call('get_profile', {})) as ProfileView;
    expect(again).toMatchObject({ email: 'ada@example.com', digestSize: 12, roles: ['backend engineer'] });
    const users = await t.runtime.services.accounts.list();
    expect(users.find((u) => u.id === t.userId)?.email).toBe('ada@example.com');
    const text = renderProfile(again);
    expect(text).toContain('top 12 matches scoring 50+');
    expect(text).toContain('On a day with nothing new: a short "nothing new" note');
    expect(text).toContain('E-mail: also by e-mail to ada@example.com');

    // Turning e-mail off keeps the address; null removes it. Other fields are left alone.
    await t.call('update_profile', { digestEmail: false });
    expect(renderProfile((await t.call('get_profile', {})) as ProfileView)).toContain(
      'E-mail: not by e-mail (turned off; address ada@example.com)',
    );
    const removed = (await t.call('update_profile', { email: null })) as ProfileView;
    expect(removed).toMatchObject({ email: null, digestSize: 12, digestEmail: false });
  });

  it('refuses a bad address or digest size, naming the field, and changes nothing', async () => {
    await expect(t.call('update_profile', { email: 'ada at example' })).rejects.toThrow(
      /email: must be an e-mail address such as ada@example.com/,
    );
    await expect(t.call('update_profile', { email: 'a@b.co\r\nBcc: x@y.co' })).rejects.toThrow(/email:/);
    await expect(t.call('update_profile', { digestSize: 0 })).rejects.toThrow(/digestSize/);
    await expect(t.call('update_profile', { digestSize: 21, email: 'ok@example.com' })).rejects.toThrow(
      /digestSize/,
    );
    await expect(t.call('update_profile', { digestEmptyNotice: 'yes' })).rejects.toThrow(/digestEmptyNotice/);
    const profile = (await t.call('get_profile', {})) as ProfileView;
    expect(profile).toMatchObject({ email: null, digestSize: 12 });
  });
});
