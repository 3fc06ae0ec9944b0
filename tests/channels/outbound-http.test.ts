import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAddressGuard } from '../../server/messaging/address-guard';
import { createOutboundHttp, OutboundRefused } from '../../server/messaging/outbound-http';
import { startHttpSink, type HttpSink } from './http-sink';

describe('outbound HTTP guard', () => {
  let v4: HttpSink;
  let v6: HttpSink;
  beforeAll(async () => {
    v4 = await startHttpSink('127.0.0.1');
    v6 = await startHttpSink('::1');
  });
  afterAll(async () => {
    await v4?.close();
    await v6?.close();
  });

  const refusedTargets = () => [
    { url: `http://127.0.0.1:${v4.port}/hook`, reason: 'loopback', allow: '127.0.0.1' },
    { url: `http://[::1]:${v6.port}/hook`, reason: 'loopback', allow: '::1' },
    { url: `http://[::ffff:127.0.0.1]:${v4.port}/hook`, reason: 'loopback', allow: '127.0.0.0/8' },
    { url: `http://localhost:${v4.port}/hook`, reason: 'loopback', allow: 'localhost' },
    { url: 'http://10.0.0.1/hook', reason: 'private', allow: '10.0.0.0/8' },
    { url: 'http://169.254.169.254/latest/meta-data/', reason: 'linkLocal', allow: '169.254.169.254' },
  ];

  it('refuses loopback, private, link-local (metadata) and mapped addresses with a clear error, before sending anything', async () => {
    const http = createOutboundHttp({ allow: [] });
    for (const t of refusedTargets()) {
      const error = await http.postJson(t.url, { a: 1 }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error, t.url).toBeInstanceOf(OutboundRefused);
      expect(error!.message).toContain(`${t.reason} address`);
      expect(error!.message).toContain('HUITOU_HTTP_ALLOW');
      expect(error!.message).not.toContain('/hook');
    }
    expect(v4.received).toHaveLength(0);
    expect(v6.received).toHaveLength(0);
  });

  it('reaches each of them once the operator allow-lists the address, range or host name', async () => {
    for (const t of refusedTargets().filter((t) => !/10\.0|169\.254/.test(t.url))) {
      const before = v4.received.length + v6.received.length;
      const answer = await createOutboundHttp({ allow: [t.allow] }).postJson(t.url, { hello: '你好' }, { 'x-test': 'yes' });
      expect(answer).toEqual({ status: 200, body: '{"id":"ok"}' });
      expect(v4.received.length + v6.received.length, t.url).toBe(before + 1);
    }
    const last = v4.received.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', url: '/hook', body: '{"hello":"你好"}' });
    expect(last.headers).toMatchObject({ 'content-type': 'application/json', 'x-test': 'yes' });
  });

  it("guards a GET (WeCom's gettoken) as it guards a POST: refused by name and host only, sent once allowed, with no body", async () => {
    const before = v4.received.length;
    const refused = await createOutboundHttp({ allow: [] })
      .get(`http://localhost:${v4.port}/cgi-bin/gettoken?corpid=ww1&corpsecret=s3cret`)
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(refused).toBeInstanceOf(OutboundRefused);
    expect(refused!.message).toContain('loopback address');
    expect(refused!.message).not.toContain('s3cret');
    expect(v4.received).toHaveLength(before);
    const answer = await createOutboundHttp({ allow: ['localhost'] }).get(`http://localhost:${v4.port}/cgi-bin/gettoken?corpid=ww1&corpsecret=s3cret`);
    expect(answer).toEqual({ status: 200, body: '{"id":"ok"}' });
    expect(v4.received.at(-1)).toMatchObject({ method: 'GET', url: '/cgi-bin/gettoken?corpid=ww1&corpsecret=s3cret', body: '' });
    expect(v4.received.at(-1)!.headers).not.toHaveProperty('content-type');
  });

  it('lets an allow-listed private address through the guard (the connection itself may then fail)', async () => {
    for (const t of refusedTargets().filter((t) => /10\.0|169\.254/.test(t.url))) {
      const error = await createOutboundHttp({ allow: [t.allow], timeoutMs: 300 })
        .postJson(t.url, {})
        .then(
          () => undefined,
          (e: Error) => e,
        );
      if (error) expect(error).not.toBeInstanceOf(OutboundRefused);
    }
  });

  it('sees through other spellings of loopback: decimal, hex, short forms and 0.0.0.0', async () => {
    const http = createOutboundHttp({ allow: [] });
    const before = v4.received.length;
    for (const host of ['2130706433', '0x7f.0.0.1', '127.1', '0.0.0.0', '[::]', '[0:0:0:0:0:ffff:7f00:1]']) {
      await expect(http.postJson(`http://${host}:${v4.port}/`, {}), host).rejects.toBeInstanceOf(OutboundRefused);
    }
    expect(v4.received).toHaveLength(before);
  });

  it('throws on a non-2xx answer and does not follow redirects', async () => {
    const http = createOutboundHttp({ allow: ['127.0.0.1'] });
    v4.answers.push({ status: 503, body: 'busy' });
    await expect(http.postJson(`http://127.0.0.1:${v4.port}/x`, {})).rejects.toThrow(/answered 503/);
    const before = v4.received.length;
    v4.answers.push({ status: 302, headers: { location: `http://127.0.0.1:${v4.port}/elsewhere` } });
    await expect(http.postJson(`http://127.0.0.1:${v4.port}/x`, {})).rejects.toThrow(/302 \(a redirect, which is not followed\)/);
    expect(v4.received.length).toBe(before + 1);
    expect(v4.received.some((r) => r.url === '/elsewhere')).toBe(false);
  });

  it('only speaks http and https, and refuses credentials in the URL', async () => {
    const http = createOutboundHttp({ allow: ['127.0.0.1'] });
    await expect(http.postJson('ftp://example.com/x', {})).rejects.toThrow(/only http and https/);
    await expect(http.postJson('file:///etc/passwd', {})).rejects.toThrow(/only http and https/);
    await expect(http.postJson(`http://u:p@127.0.0.1:${v4.port}/`, {})).rejects.toThrow(/credentials/);
    await expect(http.postJson('not a url', {})).rejects.toThrow(/not a valid URL/);
  });

  it('cuts off an answer over the size limit and gives up after the timeout', async () => {
    v4.answers.push({ status: 200, body: 'x'.repeat(5000) });
    await expect(createOutboundHttp({ allow: ['127.0.0.1'], maxResponseBytes: 1000 }).postJson(`http://127.0.0.1:${v4.port}/big`, {})).rejects.toThrow(
      /larger than 1000 bytes/,
    );

    // Silent from the start, or answering headers and part of a body and then nothing.
    const silent = createServer((req, res) => {
      if (req.url === '/slow-body') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"partial":');
      }
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as AddressInfo).port;
      const started = Date.now();
      await expect(createOutboundHttp({ allow: ['127.0.0.1'], timeoutMs: 300 }).postJson(`http://127.0.0.1:${port}/slow`, {})).rejects.toThrow(
        /timed out after 300 ms/,
      );
      expect(Date.now() - started).toBeLessThan(3000);
      const bodyStarted = Date.now();
      await expect(createOutboundHttp({ allow: ['127.0.0.1'], timeoutMs: 300 }).postJson(`http://127.0.0.1:${port}/slow-body`, {})).rejects.toThrow(
        /timed out after 300 ms|was cut off/,
      );
      expect(Date.now() - bodyStarted).toBeLessThan(3000);
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  it('judges addresses by range: public unicast passes, every special range is refused', () => {
    const guard = createAddressGuard([]);
    for (const ok of ['8.8.8.8', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(guard.refusal(ok), ok).toBeUndefined();
    const bad: Record<string, string> = {
      '0.0.0.0': 'unspecified',
      '::': 'unspecified',
      '192.168.1.1': 'private',
      '172.16.0.1': 'private',
      '100.100.100.200': 'carrierGradeNat',
      'fd00:ec2::254': 'uniqueLocal',
      'fe80::1': 'linkLocal',
      '224.0.0.1': 'multicast',
      'ff02::1': 'multicast',
      '::ffff:10.0.0.1': 'private',
      '64:ff9b::7f00:1': 'rfc6052',
    };
    for (const [address, range] of Object.entries(bad)) expect(guard.refusal(address), address).toBe(`${range} address`);
    expect(() => createAddressGuard(['10.0.0.0/99'])).toThrow(/HUITOU_HTTP_ALLOW: "10.0.0.0\/99" is not a CIDR range/);
    expect(() => createAddressGuard(['bad host!'])).toThrow(/neither a CIDR range/);
  });
});
