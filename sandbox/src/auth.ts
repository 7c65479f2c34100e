import { createVerify, type KeyObject } from "node:crypto";

/**
 * Checks the app's JSON Web Token as GitHub does: RS256, signed with the app's private key (checked
 * against its public key when the stand-in was given one), issued for the app id, not expired.
 */
export function verifyAppJwt(jwt: string, appId: number, publicKey: KeyObject | string | undefined): string | null {
  const parts = jwt.split(".");
  if (parts.length !== 3) return "A JSON web token could not be decoded";
  const [header, payload, signature] = parts as [string, string, string];
  let claims: { iss?: unknown; exp?: unknown };
  try {
    const head = JSON.parse(Buffer.from(header, "base64url").toString());
    if (head.alg !== "RS256") return "A JSON web token could not be decoded";
    claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  } catch {
    return "A JSON web token could not be decoded";
  }
  if (publicKey) {
    const valid = createVerify("RSA-SHA256").update(`${header}.${payload}`).verify(publicKey, Buffer.from(signature, "base64url"));
    if (!valid) return "A JSON web token could not be decoded";
  }
  if (String(claims.iss) !== String(appId)) return "Integration not found";
  if (typeof claims.exp !== "number" || claims.exp * 1000 < Date.now() - 60_000) return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
  return null;
}
