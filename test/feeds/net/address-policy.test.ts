import { describe, expect, it } from "vitest";
import {
  checkUrl,
  isRefusedAddress,
  RefusedUrlError,
  type AddressPolicy,
  type Lookup,
} from "../../../src/feeds/net/address-policy.js";

const strict: AddressPolicy = { allowPrivate: false };

/** Never asks real DNS: known names map to fixed addresses, anything else does not resolve. */
function fakeLookup(table: Record<string, string[]>): Lookup & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (hostname: string) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(lookup, { calls });
}

const lookup = fakeLookup({
  "intranet.test": ["10.1.2.3"],
  "public.test": ["93.184.215.14"],
  "mixed.test": ["93.184.215.14", "192.168.0.7"],
  "v6.test": ["2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
});

async function refusal(url: string, policy: AddressPolicy = strict): Promise<RefusedUrlError> {
  const error = await checkUrl(url, policy, lookup).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RefusedUrlError);
  return error as RefusedUrlError;
}

describe("isRefusedAddress", () => {
  it.each([
    ["10.0.0.1", "private"],
    ["192.168.1.1", "private"],
    ["172.16.0.1", "private"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["127.0.0.1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["169.254.1.1", "link-local"],
    ["169.254.169.254", "metadata"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "unique local"],
    ["fd00:ec2::254", "metadata"],
    ["fe80::1", "link-local"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::7f00:1", "reserved"],
    ["2002:7f00:1::", "reserved (6to4)"],
    ["not an address", "invalid address"],
  ])("refuses %s (%s)", (ip, reason) => {
    expect(isRefusedAddress(ip, strict)).toBe(reason);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700::1111"])("allows the public address %s", (ip) => {
    expect(isRefusedAddress(ip, strict)).toBeUndefined();
  });

  it("allows any range with allowPrivate, and listed addresses without it", () => {
    expect(isRefusedAddress("10.0.0.1", { allowPrivate: true })).toBeUndefined();
    expect(isRefusedAddress("169.254.169.254", { allowPrivate: true })).toBeUndefined();
    const testServer: AddressPolicy = { allowPrivate: false, allowedAddresses: ["127.0.0.1"] };
    expect(isRefusedAddress("127.0.0.1", testServer)).toBeUndefined();
    expect(isRefusedAddress("::ffff:127.0.0.1", testServer)).toBeUndefined();
    expect(isRefusedAddress("127.0.0.2", testServer)).toBe("loopback");
  });
});

describe("checkUrl", () => {
  it.each([
    ["http://10.0.0.1/feed", "private"],
    ["http://192.168.1.1/", "private"],
    ["http://172.16.0.1/", "private"],
    ["http://100.64.0.1/", "carrier-grade NAT"],
    ["http://127.0.0.1:8080/", "loopback"],
    ["http://[::1]/", "loopback"],
    ["http://[fc00::1]/", "unique local"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[::ffff:127.0.0.1]/", "loopback"],
    ["http://169.254.169.254/latest/meta-data/", "metadata"],
    // WHATWG URL parsing turns the decimal, hex and octal forms into 127.0.0.1.
    ["http://2130706433/", "loopback"],
    ["http://0x7f.0.0.1/", "loopback"],
    ["http://0x7f.1/", "loopback"],
    ["http://0177.0.0.1/", "loopback"],
    ["http://127.1/", "loopback"],
    ["http://localhost/", "loopback"],
    ["http://LOCALHOST./", "loopback"],
    ["http://admin.localhost:3000/", "loopback"],
  ])("refuses %s (%s)", async (url, reason) => {
    const error = await refusal(url);
    expect(error.reason).toBe(reason);
  });

  it("does not ask DNS about IP literals or localhost", async () => {
    const before = lookup.calls.length;
    await refusal("http://127.0.0.1/");
    await refusal("http://sub.localhost/");
    expect(lookup.calls.length).toBe(before);
  });

  it("refuses a name that resolves to a private address and says so", async () => {
    const error = await refusal("https://intranet.test/rss");
    expect(error.reason).toBe("private");
    expect(error.message).toBe("refused: intranet.test resolves to 10.1.2.3 (private address)");
  });

  it("refuses a name when any of its addresses is private", async () => {
    expect((await refusal("https://mixed.test/")).reason).toBe("private");
  });

  it("allows names that resolve to public addresses only, ports included", async () => {
    const url = await checkUrl("https://public.test:8443/feed.xml?x=1", strict, lookup);
    expect(url.href).toBe("https://public.test:8443/feed.xml?x=1");
    await expect(checkUrl("http://v6.test/", strict, lookup)).resolves.toBeInstanceOf(URL);
    await expect(checkUrl("http://[2606:4700::1111]/", strict, lookup)).resolves.toBeInstanceOf(URL);
  });

  it.each(["ftp://public.test/feed", "file:///etc/passwd", "data:text/plain,hi", "gopher://public.test/"])(
    "refuses the scheme of %s",
    async (url) => {
      const error = await refusal(url);
      expect(error.reason).toBe("scheme");
      expect(error.message).toMatch(/only http and https URLs can be fetched/);
    },
  );

  it("refuses credentials in the URL", async () => {
    expect((await refusal("http://user:pass@public.test/")).reason).toBe("credentials");
    expect((await refusal("http://user@public.test/")).reason).toBe("credentials");
  });

  it("refuses what is not a URL", async () => {
    expect((await refusal("not a url")).reason).toBe("invalid url");
  });

  it("reports a name that does not resolve", async () => {
    const error = await refusal("http://nowhere.test/");
    expect(error.reason).toBe("unresolvable");
    expect(error.message).toMatch(/could not resolve host nowhere\.test/);
  });

  it("allows private addresses with allowPrivate", async () => {
    const open: AddressPolicy = { allowPrivate: true };
    await expect(checkUrl("http://10.0.0.1/", open, lookup)).resolves.toBeInstanceOf(URL);
    await expect(checkUrl("http://intranet.test/", open, lookup)).resolves.toBeInstanceOf(URL);
    await expect(checkUrl("http://localhost/", open, lookup)).resolves.toBeInstanceOf(URL);
    // The URL checks do not depend on addresses.
    expect((await refusal("file:///etc/passwd", open)).reason).toBe("scheme");
  });
});
