/**
 * SSRF protection for the feed fetcher: decides whether a URL, or an address its host resolves to,
 * may be fetched. Feed URLs come from users, so without this a subscriber could make the bot read
 * the cloud metadata service, the database port or an admin panel on the intranet.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

export interface AddressPolicy {
  /**
   * Allows every address, loopback and metadata included. For intranet deployments and tests
   * only; the scheme and credential checks still apply.
   */
  allowPrivate: boolean;
  /** Exact addresses allowed although not public (a test server on 127.0.0.1). */
  allowedAddresses?: readonly string[];
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses; injectable so tests never ask real DNS. */
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const defaultLookup: Lookup = (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });

/** Why a URL may not be fetched: an address reason ("private", "loopback", …) or a URL problem. */
export class RefusedUrlError extends Error {
  override readonly name = "RefusedUrlError";

  constructor(
    readonly reason: string,
    message: string,
    /** The offending address, when the refusal is about one. */
    readonly address?: string,
  ) {
    super(`refused: ${message}`);
  }
}

// ipaddr.js range names → the words used in messages and logs.
const RANGE_REASONS: Record<string, string> = {
  loopback: "loopback",
  private: "private",
  linkLocal: "link-local",
  unspecified: "unspecified",
  multicast: "multicast",
  broadcast: "broadcast",
  carrierGradeNat: "carrier-grade NAT",
  uniqueLocal: "unique local",
  reserved: "reserved",
};

// Cloud instance-metadata endpoints (AWS/GCP/Azure, AWS ECS, AWS IPv6, Alibaba): named apart
// because they hand out credentials, which makes them the usual SSRF target.
const METADATA_ADDRESSES = new Set(["169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200"]);

function parseAddress(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // net.isIP only accepts canonical forms; ipaddr.js alone would also take "0x7f.1" and the like.
  if (isIP(ip) === 0) return undefined;
  try {
    // Unwraps IPv4-mapped IPv6 (::ffff:127.0.0.1) so the IPv4 ranges apply to it.
    return ipaddr.process(ip);
  } catch {
    return undefined;
  }
}

function normalized(ip: string): string | undefined {
  return parseAddress(ip)?.toString();
}

function isAllowedExplicitly(ip: string, policy: AddressPolicy): boolean {
  const self = normalized(ip);
  return self !== undefined && (policy.allowedAddresses ?? []).some((allowed) => normalized(allowed) === self);
}

/** The reason `ip` may not be connected to, or undefined when it may. */
export function isRefusedAddress(ip: string, policy: AddressPolicy): string | undefined {
  const address = parseAddress(ip);
  if (address === undefined) return "invalid address";
  if (policy.allowPrivate || isAllowedExplicitly(ip, policy)) return undefined;

  const text = address.toString();
  if (METADATA_ADDRESSES.has(text)) return "metadata";
  const range = address.range();
  if (range === "unicast") {
    // Deprecated IPv4-compatible IPv6 (::a.b.c.d) is "unicast" to ipaddr.js but embeds an IPv4.
    if (address.kind() === "ipv6" && address.toByteArray().slice(0, 12).every((byte) => byte === 0)) {
      return "reserved";
    }
    return undefined;
  }
  // Everything special-purpose that is not named above (6to4, Teredo, NAT64, benchmarking…).
  return RANGE_REASONS[range] ?? `reserved (${range})`;
}

const LOCALHOST_ADDRESSES: ResolvedAddress[] = [
  { address: "127.0.0.1", family: 4 },
  { address: "::1", family: 6 },
];

function isLocalhostName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

/**
 * Resolves `hostname` and returns its addresses when every one of them is allowed. All of them,
 * not only the first, because the connection may use any of them (happy eyeballs, retries).
 */
export async function resolveAllowed(
  hostname: string,
  policy: AddressPolicy,
  lookup: Lookup = defaultLookup,
): Promise<ResolvedAddress[]> {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  let addresses: ResolvedAddress[];
  if (isLocalhostName(host)) {
    // RFC 6761: loopback whatever a resolver says, so no DNS answer can change that.
    addresses = LOCALHOST_ADDRESSES;
  } else {
    try {
      addresses = await lookup(hostname);
    } catch {
      addresses = [];
    }
  }
  if (addresses.length === 0) throw new RefusedUrlError("unresolvable", `could not resolve host ${hostname}`);

  for (const { address } of addresses) {
    const reason = isRefusedAddress(address, policy);
    if (reason !== undefined) {
      throw new RefusedUrlError(reason, `${hostname} resolves to ${address} (${reason} address)`, address);
    }
  }
  return addresses.map(({ address, family }) => ({ address, family: family || isIP(address) }));
}

/** The URL's host without IPv6 brackets. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** Scheme and credential checks: the parts of {@link checkUrl} that need no address. */
export function parseFetchableUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new RefusedUrlError("invalid url", `${String(input)} is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new RefusedUrlError("scheme", `only http and https URLs can be fetched, not ${url.protocol}`);
  }
  // Credentials in a feed URL would be sent to whoever the URL (or a redirect) points at.
  if (url.username !== "" || url.password !== "") {
    throw new RefusedUrlError("credentials", "URLs with a user name or password are not fetched");
  }
  return url;
}

/**
 * Returns the parsed URL when it may be fetched under `policy`, else throws {@link RefusedUrlError}.
 * IP literals are checked as they are (WHATWG URL parsing has already turned "2130706433" and
 * "0x7f.1" into 127.0.0.1); names are resolved and every address is checked.
 */
export async function checkUrl(
  input: string | URL,
  policy: AddressPolicy,
  lookup: Lookup = defaultLookup,
): Promise<URL> {
  const url = parseFetchableUrl(input);
  const host = bareHost(url);
  if (isIP(host) !== 0) {
    const reason = isRefusedAddress(host, policy);
    if (reason !== undefined) throw new RefusedUrlError(reason, `${host} is not public (${reason} address)`, host);
  } else {
    await resolveAllowed(host, policy, lookup);
  }
  return url;
}
