'use strict';
/*
 * Runs the official Node.js qiniu SDK (npm "qiniu", unmodified) against a qfopgui sandbox and
 * prints one JSON line per flow: {"name", "ok", "details"}. Driven by tests/integration/test_node_sdk.py.
 *
 * Environment:
 *   QFOP_SANDBOX_URL  the sandbox's base URL, e.g. http://127.0.0.1:PORT
 *   QFOP_AK, QFOP_SK  a key pair the sandbox knows
 *   QFOP_BUCKET       a bucket of that sandbox
 *   QFOP_WORKDIR      a directory holding small.txt, big.bin (> 4 MiB) and clip.mp4;
 *                     the SDK's regions cache is written there too
 *   QFOP_FLOWS        optional comma-separated flow names to run (default: all)
 *
 * How the SDK is pointed at the sandbox (what a user of a private deployment would do):
 *   - uploads and BucketManager: a Config whose `ucEndpointsProvider` is the sandbox host over
 *     http; the SDK then asks the sandbox's /v4/query for the up/rs/rsf/io/api hosts;
 *   - OperationManager (pfop/prefop) only reads the deprecated `config.zone`, so it gets a
 *     `qiniu.zone.Zone` whose hosts are all the sandbox.
 */
const fs = require('fs');
const http = require('http');
const path = require('path');
const qiniu = require('qiniu');

const env = name => {
    const value = process.env[name];
    if (!value) {
        throw new Error(`environment variable ${name} is required`);
    }
    return value;
};

const baseUrl = new URL(env('QFOP_SANDBOX_URL'));
const host = baseUrl.host;
const bucket = env('QFOP_BUCKET');
const workdir = env('QFOP_WORKDIR');
const mac = new qiniu.auth.digest.Mac(env('QFOP_AK'), env('QFOP_SK'));
const selected = (process.env.QFOP_FLOWS || '').split(',').filter(Boolean);

const sandboxEndpoint = new qiniu.httpc.Endpoint(host, { defaultScheme: 'http' });
const config = new qiniu.conf.Config({
    useHttpsDomain: false,
    ucEndpointsProvider: new qiniu.httpc.StaticEndpointsProvider([sandboxEndpoint]),
    regionsQueryResultCachePath: path.join(workdir, 'qn-regions-cache.jsonl')
});
const fopConfig = new qiniu.conf.Config({
    useHttpsDomain: false,
    zone: new qiniu.zone.Zone([host], [host], host, host, host, host)
});
const bucketManager = new qiniu.rs.BucketManager(mac, config);
const operations = new qiniu.fop.OperationManager(mac, fopConfig);

const KEYS = {
    formBytes: 'node/form/bytes.txt',
    formFile: 'node/form/file.txt',
    v1: 'node/big/v1.bin',
    v2: 'node/big/v2.bin',
    clip: 'node/clip.mp4',
    copy: 'node/ops/copy.txt',
    moved: 'node/ops/moved.txt',
    batchCopy: 'node/ops/batch-copy.txt',
    returnBody: 'node/rb.txt',
    mp4: 'node/out/clip-320x180.mp4',
    jpg: 'node/out/clip-thumb.jpg'
};

function token (key, extra) {
    const policy = new qiniu.rs.PutPolicy(Object.assign({ scope: `${bucket}:${key}` }, extra || {}));
    return policy.uploadToken(mac);
}

/** The answer of a promise-returning SDK call as {status, data}; a non-2xx answer rejects. */
async function answer (promise) {
    let wrapper;
    try {
        wrapper = await promise;
    } catch (err) {
        const status = err.resp ? err.resp.statusCode : null;
        const body = err.resp ? err.resp.data : null;
        throw new Error(`${err.message} (status ${status}, body ${JSON.stringify(body)})`);
    }
    const status = wrapper.resp.statusCode;
    if (!wrapper.ok()) {
        throw new Error(`status ${status}: ${JSON.stringify(wrapper.data)}`);
    }
    return { status, data: wrapper.data };
}

/** The callback-only OperationManager calls as a promise of {status, data}. */
function callback (call) {
    return new Promise((resolve, reject) => {
        call((err, data, resp) => {
            if (err) {
                reject(err);
            } else if (!resp || resp.statusCode !== 200) {
                reject(new Error(`status ${resp && resp.statusCode}: ${JSON.stringify(data)}`));
            } else {
                resolve({ status: resp.statusCode, data });
            }
        });
    });
}

/** GET a URL with plain node http (the SDK has no download helper): {status, body}. */
function httpGet (url) {
    return new Promise((resolve, reject) => {
        http.get(url, resp => {
            const chunks = [];
            resp.on('data', chunk => chunks.push(chunk));
            resp.on('end', () => resolve({
                status: resp.statusCode,
                body: Buffer.concat(chunks).toString('utf8')
            }));
        }).on('error', reject);
    });
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function resumable (key, version, partSize) {
    const uploader = new qiniu.resume_up.ResumeUploader(config);
    let progressCalls = 0;
    const progress = () => { progressCalls += 1; };
    const extra = qiniu.resume_up.PutExtra.create(null, null, null, null, progress, partSize, version);
    const file = path.join(workdir, 'big.bin');
    const result = await answer(uploader.putFile(token(key), key, file, extra));
    return Object.assign(result, { progressCalls });
}

const FLOWS = [
    ['form_put', async () => {
        const uploader = new qiniu.form_up.FormUploader(config);
        const extra = new qiniu.form_up.PutExtra();
        extra.mimeType = 'text/plain';
        const body = Buffer.from('hello from the node sdk\n');
        return answer(uploader.put(token(KEYS.formBytes), KEYS.formBytes, body, extra));
    }],
    ['form_put_file', async () => {
        const uploader = new qiniu.form_up.FormUploader(config);
        const file = path.join(workdir, 'small.txt');
        return answer(uploader.putFile(token(KEYS.formFile), KEYS.formFile, file, null));
    }],
    ['resume_v1', () => resumable(KEYS.v1, 'v1', null)],
    ['resume_v2', () => resumable(KEYS.v2, 'v2', 2 * 1024 * 1024)],
    ['form_put_clip', async () => {
        const uploader = new qiniu.form_up.FormUploader(config);
        const file = path.join(workdir, 'clip.mp4');
        return answer(uploader.putFile(token(KEYS.clip), KEYS.clip, file, null));
    }],
    ['private_download', async () => {
        const domains = await answer(bucketManager.listBucketDomains(bucket));
        const domain = `http://${domains.data[0].domain}`;
        const now = Math.trunc(Date.now() / 1000);
        const fresh = bucketManager.privateDownloadUrl(domain, KEYS.formBytes, now + 3600);
        const expired = bucketManager.privateDownloadUrl(domain, KEYS.formBytes, now - 3600);
        const unsigned = bucketManager.publicDownloadUrl(domain, KEYS.formBytes);
        return {
            domain,
            fresh: await httpGet(fresh),
            expired: (await httpGet(expired)).status,
            unsigned: (await httpGet(unsigned)).status
        };
    }],
    ['stat', () => answer(bucketManager.stat(bucket, KEYS.v1))],
    ['list_delimiter', () => answer(
        bucketManager.listPrefix(bucket, { prefix: 'node/', delimiter: '/', limit: 100 })
    )],
    ['list_v2_delimiter', () => answer(
        bucketManager.listPrefixV2(bucket, { prefix: 'node/', delimiter: '/' })
    )],
    ['form_put_return_body', async () => {
        const uploader = new qiniu.form_up.FormUploader(config);
        const extra = new qiniu.form_up.PutExtra();
        extra.params = { 'x:tag': 'node' };
        const returnBody = '{"key":$(key),"size":$(fsize),"tag":$(x:tag),"note":"k=$(key)"}';
        const upToken = token(KEYS.returnBody, { returnBody });
        return answer(uploader.put(upToken, KEYS.returnBody, Buffer.from('rb'), extra));
    }],
    ['copy', () => answer(bucketManager.copy(bucket, KEYS.formBytes, bucket, KEYS.copy))],
    ['copy_existing_refused', async () => {
        // no force: the target exists, so the service answers 614 and the SDK reports it
        const wrapper = await bucketManager.copy(bucket, KEYS.formBytes, bucket, KEYS.copy)
            .catch(err => ({ data: err.resp && err.resp.data, resp: err.resp }));
        return { status: wrapper.resp.statusCode, data: wrapper.data };
    }],
    ['move', () => answer(bucketManager.move(bucket, KEYS.copy, bucket, KEYS.moved))],
    ['change_mime', () => answer(bucketManager.changeMime(bucket, KEYS.moved, 'text/x-node'))],
    ['change_type', () => answer(bucketManager.changeType(bucket, KEYS.moved, 1))],
    ['disable', async () => {
        await answer(bucketManager.updateObjectStatus(bucket, KEYS.moved, 1));
        return answer(bucketManager.stat(bucket, KEYS.moved));
    }],
    ['delete', () => answer(bucketManager.delete(bucket, KEYS.formFile))],
    ['batch', () => answer(bucketManager.batch([
        qiniu.rs.statOp(bucket, KEYS.formBytes),
        qiniu.rs.copyOp(bucket, KEYS.formBytes, bucket, KEYS.batchCopy),
        qiniu.rs.statOp(bucket, 'node/no-such-key'),
        qiniu.rs.deleteOp(bucket, KEYS.batchCopy)
    ]))],
    ['pfop', async () => {
        const fops = [
            `avthumb/mp4/s/320x180/t/2|saveas/${qiniu.util.urlsafeBase64Encode(`${bucket}:${KEYS.mp4}`)}`,
            `vframe/jpg/offset/1/w/160/h/90|saveas/${qiniu.util.urlsafeBase64Encode(`${bucket}:${KEYS.jpg}`)}`
        ];
        const submitted = await callback(cb => operations.pfop(
            bucket, KEYS.clip, fops, null, { force: true }, cb
        ));
        const id = submitted.data.persistentId;
        const deadline = Date.now() + 40000;
        let polls = 0;
        for (;;) {
            const status = await callback(cb => operations.prefop(id, cb));
            polls += 1;
            if (status.data.code !== 1 && status.data.code !== 2) {
                return { status: status.status, persistentId: id, polls, data: status.data };
            }
            if (Date.now() > deadline) {
                throw new Error(`${id} still running after 40 s: ${JSON.stringify(status.data)}`);
            }
            await sleep(200);
        }
    }]
];

async function main () {
    const known = new Set(FLOWS.map(([name]) => name));
    const unknown = selected.filter(name => !known.has(name));
    if (unknown.length) {
        throw new Error(`unknown flows: ${unknown.join(', ')}`);
    }
    for (const [name, run] of FLOWS) {
        if (selected.length && !selected.includes(name)) {
            continue;
        }
        let line;
        try {
            line = { name, ok: true, details: await run() };
        } catch (err) {
            line = { name, ok: false, details: { error: String(err && err.stack ? err.stack : err) } };
        }
        process.stdout.write(JSON.stringify(line) + '\n');
    }
}

if (!fs.existsSync(workdir)) {
    throw new Error(`QFOP_WORKDIR ${workdir} does not exist`);
}
main().catch(err => {
    process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
    process.exit(2);
});
