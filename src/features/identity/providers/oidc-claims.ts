// The standard OpenID Connect claims (ID token + UserInfo) as a profile: shared by Google and generic issuers.
import type { ProfileSource, ProviderProfile } from '../providers.js';

type Claims = Readonly<Record<string, unknown>>;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** Some issuers send email_verified as the string "true"; anything else is not a verification. */
const isTrue = (value: unknown): boolean => value === true || value === 'true';

export function profileFromClaims(claims: Claims): ProviderProfile {
  const subject = str(claims.sub);
  if (subject === undefined) throw new Error('The provider named no subject (sub).');
  const emailVerified = isTrue(claims.email_verified) && str(claims.email) !== undefined;
  const given = [str(claims.given_name), str(claims.family_name)].filter(Boolean).join(' ');
  return {
    subject,
    email: emailVerified ? (str(claims.email) ?? null) : null,
    emailVerified,
    displayName: str(claims.name) ?? (given || undefined) ?? str(claims.preferred_username) ?? str(claims.nickname) ?? '',
    pictureUrl: str(claims.picture) ?? null,
  };
}

/** The ID token's claims completed by UserInfo (where issuers put profile and e-mail claims). */
export async function readOidcProfile(source: ProfileSource): Promise<ProviderProfile> {
  if (!source.idClaims) throw new Error('The provider returned no ID token.');
  const userInfo = await source.userInfo();
  return profileFromClaims({ ...source.idClaims, ...userInfo, sub: source.idClaims.sub });
}
