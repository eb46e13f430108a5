/**
 * The fleet audit end to end, as .github/workflows/fleet-audit.yml runs it: the listing against
 * the local GitHub API server (paginated, filtered, cut into a matrix), the per-job script
 * cloning real git repositories and auditing them through the bundled CLI, and `merge` of their
 * reports (whole or in shards) into the fleet report in every format.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli.js';
import { makeRepo, removeRepos, type TestRepo } from '../support/git-repo.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server/index.js';
import { githubReferences, parseGfm } from '../report/gfm.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/fleet-audit.js');
const CLI = path.join(ROOT, 'bin/architecture-review.js');
const SHOP = path.join(ROOT, 'examples/shop');
const SERVER = 'https://github.example.com';

const work = mkdtempSync(path.join(tmpdir(), 'ar-fleet-'));
afterAll(() => {
  removeRepos();
  rmSync(work, { recursive: true, force: true });
});

/** The bundled CLI, as the workflow's steps run it. */
function cli(args: string[], cwd = work): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function shopRepo(): TestRepo {
  const repo = makeRepo();
  repo.write('.github/service-profile.yml', readFileSync(path.join(SHOP, 'base/.github/service-profile.yml'), 'utf8'));
  repo.write('go.mod', 'module example.org/shop\n\ngo 1.22\n');
  for (const f of ['web/app.py', 'storage/server.go', 'tools/fetch_prices.py']) repo.write(f, readFileSync(path.join(SHOP, 'change', f), 'utf8'));
  repo.commit('shop');
  return repo;
}

/** No profile, CPU work on threads, and a file whose name and line try to break the markdown. */
function legacyRepo(): TestRepo {
  const repo = makeRepo();
  repo.write(
    'batch/crunch.py',
    'import threading\n\ndef crunch(rows):\n    return sum(r * r for r in rows)\n\nfor part in parts:\n    threading.Thread(target=crunch, args=(part,)).start()\n',
  );
  repo.write('batch/a](javascript:alert(1)).py', 'import threading\nthreading.Thread(target=work).start()  # @octocat <img src=x onerror=alert(1)> | x\n');
  repo.commit('legacy');
  return repo;
}

function brokenRepo(): TestRepo {
  const repo = makeRepo();
  repo.write('.github/service-profile.yml', 'version: 1\nservices:\n  - name: api\n    paths: ["**"]\n    needs:\n      low-latnecy: true\n');
  repo.write('api/main.go', 'package main\n\nfunc main() { go serve() }\n');
  repo.commit('broken');
  return repo;
}

/** Bare copies at `<base>/<owner>/<name>.git`, as the script clones from with FLEET_CLONE_BASE. */
function publish(base: string, name: string, repo: TestRepo): void {
  mkdirSync(path.join(base, path.dirname(name)), { recursive: true });
  execGit(['clone', '--quiet', '--bare', repo.dir, path.join(base, `${name}.git`)]);
}

function execGit(args: string[]): void {
  const run = spawnSync('git', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
}

function runScript(repositories: unknown, reportsDir: string, base: string) {
  const run = spawnSync(process.execPath, [SCRIPT], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, REPOSITORIES: JSON.stringify(repositories), REPORTS_DIR: reportsDir, FLEET_CLONE_BASE: `file://${base}` },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('fleet audit: the per-job script and merge', () => {
  const base = path.join(work, 'server');
  const reports = path.join(work, 'reports');
  let shop: TestRepo;
  let legacy: TestRepo;
  let script: ReturnType<typeof runScript>;
  const listed = [
    { name: 'octo/shop', branch: 'main', url: `${SERVER}/octo/shop` },
    { name: 'octo/legacy', branch: 'main', url: `${SERVER}/octo/legacy` },
    { name: 'octo/broken', branch: 'main', url: `${SERVER}/octo/broken` },
    { name: 'octo/gone', branch: 'main', url: `${SERVER}/octo/gone` },
  ];

  beforeAll(() => {
    shop = shopRepo();
    legacy = legacyRepo();
    publish(base, 'octo/shop', shop);
    publish(base, 'octo/legacy', legacy);
    publish(base, 'octo/broken', brokenRepo());
    script = runScript(listed, reports, base);
  });

  it('audits every repository it can, says in one line each why not the others, and exits 1', () => {
    expect(script.status).toBe(1);
    const errors = script.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^::error title=architecture-review fleet::octo\/broken: the audit stopped \(architecture-review: .*service-profile\.yml:6:7: .*low-latnecy/);
    expect(errors[1]).toMatch(/^::error title=architecture-review fleet::octo\/gone: cannot clone its main branch \(/);
    expect(readdirSync(reports).sort()).toEqual(['octo__legacy.json', 'octo__shop.json']);
    expect(script.stdout).toMatch(/^octo\/shop \(main\): audited in \d+\.\d s$/m);
  });

  it('writes reports that name the repository, its page and the commit audited', () => {
    const report = JSON.parse(readFileSync(path.join(reports, 'octo__shop.json'), 'utf8')) as { repository: unknown; mode: string };
    expect(report.mode).toBe('audit');
    expect(report.repository).toEqual({ name: 'octo/shop', url: `${SERVER}/octo/shop`, commit: shop.sha() });
    // The same report as an audit of the checkout itself, but for where it was cloned.
    const direct = cli(['audit', shop.dir, '--repository', `${SERVER}/octo/shop`, '--format', 'json', '--fail-on', 'never']);
    expect(direct.status).toBe(0);
    expect(readFileSync(path.join(reports, 'octo__shop.json'), 'utf8')).toBe(direct.stdout);
  });

  it('merges them into a fleet report whose rows, counts and findings are those of each repository', () => {
    const files = ['octo__shop.json', 'octo__legacy.json'].map((f) => path.join(reports, f));
    const run = cli(['merge', ...files, '--format', 'json']);
    expect(run.status).toBe(1); // an open question remains in the fleet
    const fleet = JSON.parse(run.stdout) as {
      mode: string;
      repositories: { repository: { name: string }; counts: Record<string, number>; services: { name: string; counts: Record<string, number> }[]; findings: unknown[]; conclusion: string }[];
      rules: { rule: string; findings: number; repositories: number }[];
      counts: Record<string, number>;
      conclusion: string;
    };
    expect(fleet.mode).toBe('fleet');
    expect(fleet.repositories.map((r) => r.repository.name)).toEqual(['octo/legacy', 'octo/shop']);
    let questions = 0;
    const opens: { repository: string; rule: string }[] = [];
    for (const r of fleet.repositories) {
      const own = JSON.parse(readFileSync(path.join(reports, `${r.repository.name.replace('/', '__')}.json`), 'utf8')) as {
        findings: { verdict: string; accepted: boolean; service: string; rule: string }[];
        services: { name: string }[];
        conclusion: string;
      };
      expect(r.findings).toEqual(own.findings);
      expect(r.conclusion).toBe(own.conclusion);
      expect(r.services.map((s) => s.name)).toEqual(own.services.map((s) => s.name));
      const open = own.findings.filter((f) => !f.accepted);
      expect(r.counts.question).toBe(open.filter((f) => f.verdict === 'question').length);
      for (const s of r.services) expect(s.counts.question! + s.counts.recommend! + s.counts.info!).toBe(open.filter((f) => f.service === s.name).length);
      questions += r.counts.question!;
      for (const f of open) opens.push({ repository: r.repository.name, rule: f.rule });
    }
    expect(fleet.counts.question).toBe(questions);
    expect(fleet.counts.repositories).toBe(2);
    // The shop's storage service meets all four criteria: its Go is recommended, not questioned.
    const shopRow = fleet.repositories.find((r) => r.repository.name === 'octo/shop')!;
    expect((shopRow.findings as { rule: string }[]).map((f) => f.rule)).toContain('golang-justified');
    // Every rule with an open finding, counted from the repositories' own reports, most first.
    const rules = [...new Set(opens.map((o) => o.rule))].map((rule) => ({
      rule,
      findings: opens.filter((o) => o.rule === rule).length,
      repositories: new Set(opens.filter((o) => o.rule === rule).map((o) => o.repository)).size,
    }));
    expect(fleet.rules.map(({ rule, findings, repositories }) => ({ rule, findings, repositories }))).toEqual(
      rules.sort((a, b) => b.findings - a.findings || b.repositories - a.repositories || (a.rule < b.rule ? -1 : 1)),
    );
    expect(fleet.rules.find((r) => r.rule === 'threads-io-only')).toMatchObject({ repositories: 1 });
    expect(fleet.conclusion).toBe('question');
  });

  it('renders the fleet in markdown with every repository text escaped and links to the audited lines', () => {
    const files = ['octo__shop.json', 'octo__legacy.json'].map((f) => path.join(reports, f));
    const run = cli(['merge', ...files, '--format', 'markdown', '--fail-on', 'never']);
    expect(run.status).toBe(0);
    const md = run.stdout;
    expect(md).toMatch(/^## ❓ Architecture review of 2 repositories: 2 repositories have open questions\n/);
    expect(md).toContain(`| [octo/shop](${SERVER}/octo/shop) | storage | ✅ | ✅ | ✅ | ✅ |`);
    expect(md).toContain(`| [octo/legacy](${SERVER}/octo/legacy) | default (no profile) | ⚪ | ⚪ | ⚪ | ⚪ |`);
    expect(md).toContain(`](${SERVER}/octo/shop/blob/${shop.sha()}/storage/server.go#L`);
    // The hostile file: its name is a link text and an encoded URL, its line a code span.
    expect(md).toContain(`${SERVER}/octo/legacy/blob/${legacy.sha()}/batch/a%5D%28javascript%3Aalert%281%29%29.py#L2`);
    // As GitHub renders it: links only to the repositories' pages and the rules' docs, no HTML
    // but the report's own, no mention or reference in the text.
    const tokens = parseGfm(md);
    const hrefs = tokens.filter((t) => t.type === 'link_open').map((t) => t.attrGet('href') ?? '');
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of hrefs) expect(href).toMatch(/^(https:\/\/github\.example\.com\/octo\/(shop|legacy)(\/blob\/[0-9a-f]{40}\/[^\s()]+)?|https:\/\/github\.com\/architecture-review\/architecture-review\/blob\/main\/README\.md#[a-z-]+)$/);
    const html = tokens.filter((t) => t.type === 'html_inline' || t.type === 'html_block').map((t) => t.content.trim());
    expect(html.length).toBeGreaterThan(0);
    for (const h of html) expect(h).toMatch(/^(<details><summary>(❓|✅|ℹ️) octo\/(shop|legacy): [a-z0-9, ]+<\/summary>|<\/details>|<sub>|<\/sub>)$/);
    expect(githubReferences(tokens)).toEqual([]);
    expect(tokens.some((t) => t.type === 'code_inline' && t.content.includes('@octocat <img src=x onerror=alert(1)>'))).toBe(true);
  });

  it('renders SARIF with a run per repository, fingerprinted as each repository\'s own SARIF', () => {
    const files = ['octo__shop.json', 'octo__legacy.json'].map((f) => path.join(reports, f));
    const run = cli(['merge', ...files, '--format', 'sarif', '--fail-on', 'never']);
    expect(run.status).toBe(0);
    const sarif = JSON.parse(run.stdout) as { runs: { versionControlProvenance: unknown; results: { partialFingerprints: unknown; ruleId: string }[] }[] };
    expect(sarif.runs).toHaveLength(2);
    expect(sarif.runs[1]!.versionControlProvenance).toEqual([{ repositoryUri: `${SERVER}/octo/shop`, revisionId: shop.sha() }]);
    const own = JSON.parse(cli(['audit', shop.dir, '--format', 'sarif', '--fail-on', 'never']).stdout) as typeof sarif;
    expect(sarif.runs[1]!.results.map((r) => [r.ruleId, r.partialFingerprints])).toEqual(own.runs[0]!.results.map((r) => [r.ruleId, r.partialFingerprints]));
  });

  it('takes a repository audited in shards as the same row as its whole audit', () => {
    const shards = [1, 2, 3].map((i) => {
      const file = path.join(work, `shop-${i}.json`);
      const run = cli(['audit', shop.dir, '--repository', `${SERVER}/octo/shop`, '--shard', `${i}/3`, '--format', 'json', '--fail-on', 'never', '--output', file]);
      expect(run.status).toBe(0);
      return file;
    });
    const legacyReport = path.join(reports, 'octo__legacy.json');
    const whole = cli(['merge', path.join(reports, 'octo__shop.json'), legacyReport, '--format', 'json', '--fail-on', 'never']);
    const sharded = cli(['merge', shards[2]!, legacyReport, shards[0]!, shards[1]!, '--format', 'json', '--fail-on', 'never']);
    expect(sharded.stderr).toBe('');
    expect(sharded.stdout).toBe(whole.stdout);
  });

  it('refuses what a fleet cannot hold with one line naming the file and its place, exit 2', () => {
    const shopFile = path.join(reports, 'octo__shop.json');
    const write = (name: string, text: string) => {
      const file = path.join(work, name);
      writeFileSync(file, text);
      return file;
    };
    const text = readFileSync(shopFile, 'utf8');
    const anonymous = write('anonymous.json', cli(['audit', legacy.dir, '--format', 'json', '--fail-on', 'never']).stdout);
    const review = write('review.json', text.replace('"mode": "audit"', '"mode": "review"'));
    const badVerdict = write('verdict.json', text.replace(/"verdict": "recommend"/, '"verdict": "maybe"'));
    const cases: [string[], RegExp][] = [
      [[shopFile, anonymous], /anonymous\.json:4:17: names no repository: .*--repository owner\/name/],
      [[shopFile, shopFile], /are both audits of octo\/shop: give each repository's report once/],
      [[shopFile, review], /review\.json:3:11: the report of a "review", not of an audit/],
      [[shopFile, badVerdict], /verdict\.json:\d+:\d+: not an architecture-review JSON report \(findings\.\d+\.verdict: /],
    ];
    for (const [files, message] of cases) {
      const run = cli(['merge', ...files, '--format', 'markdown']);
      expect(run.status, String(message)).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n'), String(message)).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
  });

  it('refuses a REPOSITORIES that is not a list of repositories, before cloning anything', () => {
    for (const bad of [{ name: 'octo/shop' }, [{ name: '../x', branch: 'main', url: `${SERVER}/x` }], [{ name: 'octo/shop', branch: '--upload-pack=touch /tmp/p', url: `${SERVER}/octo/shop` }]]) {
      const run = runScript(bad, path.join(work, 'never'), base);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('--repository', () => {
  it('takes owner/name or a repository page, and refuses anything else in one line, exit 2', async () => {
    const repo = makeRepo().write('a.go', 'package a\n\nfunc f() { go g() }\n');
    const dir = repo.dir;
    const repositoryOf = async (value: string, where = dir) => JSON.parse((await runCliCaptured(['audit', where, '--repository', value, '--format', 'json', '--fail-on', 'never'])).stdout).repository as unknown;
    // Before the first commit there is no commit to name.
    repo.git('add', '-A');
    expect(await repositoryOf('octo-org/storage')).toEqual({ name: 'octo-org/storage', url: 'https://github.com/octo-org/storage', commit: null });
    const head = repo.commit('a');
    const ok = (value: string) => repositoryOf(value);
    expect(await ok('octo-org/storage')).toEqual({ name: 'octo-org/storage', url: 'https://github.com/octo-org/storage', commit: head });
    expect(await ok('https://ghe.example.com/octo-org/storage.git')).toEqual({ name: 'octo-org/storage', url: 'https://ghe.example.com/octo-org/storage', commit: head });
    for (const bad of ['storage', 'octo/../x', 'ftp://example.com/o/r', 'https://user:pw@github.com/o/r', 'https://github.com/o', 'octo org/x']) {
      const run = await runCliCaptured(['audit', dir, '--repository', bad, '--format', 'json']);
      expect(run.status, bad).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n'), bad).toHaveLength(1);
      expect(run.stderr).toContain(`--repository "${bad}" is not a repository`);
    }
    const validate = await runCliCaptured(['validate', '--repository', 'o/r']);
    expect([validate.status, validate.stderr.trim()]).toEqual([2, 'architecture-review: validate: --repository is only for audit and review']);
  });
});

describe('fleet listing: architecture-review repositories', () => {
  let server: GitHubServer;
  afterEach(async () => server?.close());

  /** repo-000 … : every 10th archived, every 7th a fork, the even ones tagged `python`. */
  function organization(n: number) {
    return Array.from({ length: n }, (_, i) => ({
      name: `repo-${String(i).padStart(3, '0')}`,
      archived: i % 10 === 9,
      fork: i % 7 === 6,
      topics: i % 2 === 0 ? ['python', 'service'] : ['go'],
      default_branch: i % 5 === 0 ? 'trunk' : 'main',
    }));
  }

  async function list(args: string[], env: NodeJS.ProcessEnv = {}) {
    return runCliCaptured(['repositories', ...args], { env: { GITHUB_TOKEN: server.state.token, GITHUB_API_URL: server.url, ...env } });
  }

  it('reads every page of 100, leaves archived repositories and forks out, and makes one job per repository', async () => {
    server = await startGitHubServer({ organizations: { octo: organization(250) }, validateResponses: true });
    const run = await list(['--org', 'octo', '--format', 'json']);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { count: number; listed: number; perJob: number; matrix: { include: { job: number; repositories: { name: string; branch: string; url: string }[] }[] } };
    const expected = organization(250).filter((r) => !r.archived && !r.fork);
    expect(out.listed).toBe(250);
    expect(out.count).toBe(expected.length);
    expect(out.matrix.include.map((j) => j.repositories[0]!.name)).toEqual(expected.map((r) => `octo/${r.name}`));
    expect(out.matrix.include[0]).toEqual({ job: 1, repositories: [{ name: 'octo/repo-000', branch: 'trunk', url: 'https://github.com/octo/repo-000' }] });
    const pages = server.requests.filter((r) => r.path === '/orgs/octo/repos');
    expect(pages).toHaveLength(3);
    expect(server.requests).toHaveLength(3);
    expect(server.violations).toEqual([]);
    expect(run.stderr).toBe(`architecture-review: ${expected.length} of 250 repositories of octo to audit, in ${expected.length} job(s) of up to 1 (3 request(s))\n`);
  });

  it('filters by every topic and any name glob, and takes archived repositories and forks when asked', async () => {
    server = await startGitHubServer({ organizations: { octo: organization(120) } });
    const run = await list(['--org', 'octo', '--topic', 'python', '--topic', 'SERVICE', '--name', 'repo-0[0-4]*', '--name', 'repo-11?', '--include-archived', '--include-forks']);
    expect(run.status).toBe(0);
    const expected = organization(120)
      .filter((r) => r.topics.includes('python') && (/^repo-0[0-4]/.test(r.name) || /^repo-11.$/.test(r.name)))
      .map((r) => `octo/${r.name}\n`);
    expect(run.stdout).toBe(expected.join(''));
    expect(expected.length).toBeGreaterThan(10);
  });

  it('puts several repositories in a job past 256, and as many per job as asked', async () => {
    server = await startGitHubServer({ organizations: { big: Array.from({ length: 1000 }, (_, i) => ({ name: `svc-${i}` })) } });
    const run = await list(['--org', 'big', '--format', 'json']);
    const out = JSON.parse(run.stdout) as { perJob: number; jobs: number; matrix: { include: { repositories: unknown[] }[] } };
    expect(out.perJob).toBe(4);
    expect(out.jobs).toBe(250);
    expect(out.matrix.include.flatMap((j) => j.repositories)).toHaveLength(1000);
    expect(server.requests).toHaveLength(10);
    const ten = JSON.parse((await list(['--org', 'big', '--format', 'json', '--per-job', '10'])).stdout) as typeof out;
    expect([ten.perJob, ten.jobs]).toEqual([10, 100]);
  });

  it('retries a page that failed and still lists every repository once', async () => {
    server = await startGitHubServer({ organizations: { octo: organization(250) } });
    server.setFault({ path: /\/orgs\/octo\/repos\?.*page=2/ }, { type: 'status', status: 502 });
    const run = await list(['--org', 'octo', '--format', 'json', '--include-archived', '--include-forks']);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { count: number }).count).toBe(250);
    expect(server.requests).toHaveLength(4);
  });

  it('says that GitHub did not answer, after the retries, rather than inventing a status', async () => {
    server = await startGitHubServer({ organizations: { octo: organization(3) } });
    server.setFault({ path: /\/orgs\/octo\/repos/, times: Infinity }, { type: 'reset' });
    const run = await list(['--org', 'octo'], { ARCHITECTURE_REVIEW_REQUEST_TIMEOUT_MS: '2000' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const last = run.stderr.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^architecture-review: repositories: no answer from GitHub while listing octo's repositories \(.+\): check GITHUB_API_URL and the network, then run it again$/);
    expect(server.requests.length).toBe(4); // the first try and 3 retries
  });

  it('says in one line what to do about an unknown organisation, a refused token or none, and never prints the token', async () => {
    server = await startGitHubServer({ organizations: { octo: organization(3) } });
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['--org', 'nobody'], {}, /no organisation "nobody" that this token can see \(404\): .*GitHub App token or a fine-grained token with Contents: read/],
      [['--org', 'octo'], { GITHUB_TOKEN: 'ghp_wrongwrongwrong' }, /the token was refused \(401 Bad credentials\)/],
      [['--org', 'octo'], { GITHUB_TOKEN: '' }, /no token: set GITHUB_TOKEN/],
      [['--org=-x'], {}, /"-x" is not an organisation login/],
      [['--org', 'octo', '--format', 'sarif'], {}, /--format must be text or json/],
    ];
    for (const [args, env, message] of cases) {
      const run = await list(args, env);
      expect(run.status, String(message)).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain(server.state.token);
      expect(run.stderr).not.toContain('ghp_wrong');
    }
  });
});
