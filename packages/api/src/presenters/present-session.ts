import Bowser from 'bowser';

export interface SessionView {
  id: string;
  /** The session of the token that asked. */
  current: boolean;
  /** "Firefox 133 on Linux", or the client's own name ("curl/8.5.0"); null when it sent no User-Agent. */
  device: string | null;
  userAgent: string | null;
  signedInAt: string;
  /** When its newest refresh token was issued (sign-in, or the last renewal). */
  renewedAt: string;
  /** When it ends unless renewed. */
  expiresAt: string;
}

/** A short, readable name for the client behind a User-Agent header. */
function describeUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const parser = Bowser.getParser(userAgent);
  const browser = parser.getBrowserName();
  if (!browser) return userAgent.split(/\s/, 1)[0]!.slice(0, 60);
  const major = parser.getBrowserVersion()?.split('.')[0];
  const os = parser.getOSName();
  return `${browser}${major ? ` ${major}` : ''}${os ? ` on ${os}` : ''}`;
}

export const presentSession = (s: {
  id: string;
  current: boolean;
  userAgent: string | null;
  signedInAt: Date;
  renewedAt: Date;
  expiresAt: Date;
}): SessionView => ({
  id: s.id,
  current: s.current,
  device: describeUserAgent(s.userAgent),
  userAgent: s.userAgent,
  signedInAt: s.signedInAt.toISOString(),
  renewedAt: s.renewedAt.toISOString(),
  expiresAt: s.expiresAt.toISOString(),
});
