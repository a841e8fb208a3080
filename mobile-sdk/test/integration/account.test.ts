/**
 * Keeping an account against a real server that requires a confirmed email to write:
 * a new member reads but may not post until she follows the emailed link (the app
 * sends its token), and a forgotten password comes back through the reset link. With no
 * SMTP server configured, the server writes each email as an `.eml` file, which the
 * test reads as a mailbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CreateGroupDocument,
  RequestPasswordResetDocument,
  ResetPasswordDocument,
  VerifyEmailDocument,
  VillageError,
} from '../../src/index.js';
import { PASSWORD, clientOf, eventually } from '../support/clients.js';
import { VillageServer } from '../support/server.js';

let server: VillageServer;

beforeAll(async () => {
  server = await VillageServer.start([], { VILLAGE_UNVERIFIED_MAY_WRITE: 'false' });
});

afterAll(async () => {
  await server.dispose();
});

/** `raw` with its quoted-printable parts decoded (long lines folded with `=`, `=3D` for `=`). */
function quotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The token of the `path` link in the newest email to `address`, once it arrived. */
async function linkToken(address: string, path: string): Promise<string> {
  let token: string | undefined;
  await eventually(() => {
    const raw = server.emailsTo(address).reverse().map(quotedPrintable).find((email) => email.includes(path));
    token = raw?.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`))?.[1];
    return token !== undefined;
  }, 20_000, `an email to ${address}`);
  return token ?? '';
}

const newGroup = { input: { name: 'Night feeds', visibility: 'PUBLIC' as const, joinPolicy: 'OPEN' as const } };

describe('account', () => {
  it('lets a new member post once she confirms her email with the emailed link', async () => {
    const client = clientOf(server);
    const signedUp = await client.signUp({ email: 'cleo@example.com', password: PASSWORD, displayName: 'Cleo' });
    expect(signedUp.emailVerified).toBe(false);

    const refused = await client.request(CreateGroupDocument, newGroup).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(VillageError);
    expect((refused as VillageError).code).toBe('FORBIDDEN');
    expect((refused as VillageError).reason).toBe('EMAIL_NOT_VERIFIED');

    const token = await linkToken('cleo@example.com', '/account/verify-email');
    expect((await client.request(VerifyEmailDocument, { input: { token } })).verifyEmail.ok).toBe(true);
    const group = await client.request(CreateGroupDocument, newGroup);
    expect(group.createGroup.id).toBeTruthy();
  });

  it('resets a forgotten password with the emailed link', async () => {
    const client = clientOf(server);
    await client.signUp({ email: 'dina@example.com', password: PASSWORD, displayName: 'Dina' });
    await client.signOut();

    const answer = await client.request(RequestPasswordResetDocument, { input: { email: 'dina@example.com' } });
    expect(answer.requestPasswordReset.ok).toBe(true);
    const token = await linkToken('dina@example.com', '/account/reset-password');
    await client.request(ResetPasswordDocument, { input: { token, newPassword: 'a new passphrase' } });

    const signedIn = await client.signIn({ email: 'dina@example.com', password: 'a new passphrase' });
    expect(signedIn.displayName).toBe('Dina');
  });
});
