import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyWorkerClass, detectServerConfig, isServerConfigPath } from '../../src/detect/server-config.js';
import { detectFile, isDetectable } from '../../src/detect/index.js';

describe('isServerConfigPath', () => {
  it('accepts gunicorn, uwsgi and command-line files by name', () => {
    for (const path of [
      'gunicorn.conf.py',
      'deploy/gunicorn_prod.py',
      'etc/web-gunicorn.conf',
      'etc/web.gunicorn.conf.py',
      'Procfile',
      'Procfile.dev',
      'Dockerfile',
      'docker/Dockerfile.prod',
      'api.dockerfile',
      'bin/start.sh',
      'docker-compose.yml',
      'docker-compose.override.yaml',
      'compose.yaml',
      'app.yaml',
      'systemd/web.service',
      'Makefile',
      'uwsgi.ini',
      'conf/uwsgi-prod.yaml',
      'supervisord.conf',
    ]) {
      expect(isServerConfigPath(path), path).toBe(true);
    }
  });

  it('leaves other files alone', () => {
    for (const path of ['app.py', 'settings.conf.py', 'README.md', 'config.yml', 'gunicorn.md', 'nginx.conf', 'setup.cfg']) {
      expect(isServerConfigPath(path), path).toBe(false);
    }
  });
});

describe('classifyWorkerClass', () => {
  it('knows gunicorn worker classes, short or dotted', () => {
    expect(classifyWorkerClass('gevent')).toEqual({ signal: 'greenlets', module: 'gevent' });
    expect(classifyWorkerClass('gevent_pywsgi')).toEqual({ signal: 'greenlets', module: 'gevent' });
    expect(classifyWorkerClass('gevent_wsgi')).toEqual({ signal: 'greenlets', module: 'gevent' });
    expect(classifyWorkerClass('geventlet')).toEqual({ signal: 'greenlets', module: 'eventlet' });
    expect(classifyWorkerClass('egg:gunicorn#eventlet')).toEqual({ signal: 'greenlets', module: 'eventlet' });
    expect(classifyWorkerClass('gunicorn.workers.ggevent.GeventWorker')).toEqual({ signal: 'greenlets', module: 'gevent' });
    expect(classifyWorkerClass('gunicorn.workers.geventlet.EventletWorker')).toEqual({ signal: 'greenlets', module: 'eventlet' });
    expect(classifyWorkerClass('uvicorn.workers.UvicornWorker')).toEqual({ signal: 'asyncio', module: 'uvicorn' });
    expect(classifyWorkerClass('aiohttp.GunicornWebWorker')).toEqual({ signal: 'asyncio', module: 'aiohttp' });
    expect(classifyWorkerClass('sync')).toBeNull();
    expect(classifyWorkerClass('gthread')).toBeNull();
  });
});

describe('detectServerConfig', () => {
  it('reports a worker class as a use with tags async-server and import, the library as module, the line as evidence', () => {
    expect(detectServerConfig('Procfile', 'web: gunicorn -k gevent app:app\n').signals).toEqual([
      {
        signal: 'greenlets',
        line: 1,
        evidence: 'web: gunicorn -k gevent app:app',
        tags: ['import', 'use', 'async-server'],
        module: 'gevent',
      },
    ]);
  });

  it('follows a command across continued lines', () => {
    const d = detectServerConfig('start.sh', 'exec gunicorn \\\n  --bind :80 \\\n  -k eventlet \\\n  app:app\n');
    expect(d.signals.map((s) => [s.line, s.module])).toEqual([[3, 'eventlet']]);
  });

  it('reads `-k` only in a gunicorn command, `--worker-class` anywhere', () => {
    expect(detectServerConfig('Makefile', 'test:\n\tpytest -k gevent\n').signals).toEqual([]);
    expect(detectServerConfig('Makefile', 'test:\n\tgunicorn app:app; pytest -k gevent\n').signals).toEqual([]);
    expect(detectServerConfig('.env.sh', 'export GUNICORN_CMD_ARGS=--worker-class=gevent\n').signals.length).toBe(1);
    expect(detectServerConfig('run.sh', 'hypercorn --worker-class=eventlet app:app\n').signals.length).toBe(1);
  });

  it('reads uwsgi options on command lines and in the environment', () => {
    const d = detectServerConfig(
      'Dockerfile',
      'ENV UWSGI_GEVENT=100\nCMD uwsgi --plugins python3,gevent --ugreen\nCMD ["uwsgi", "--loop", "gevent"]\nCMD uwsgi --greenlet false\n',
    );
    expect(d.signals.map((s) => [s.line, s.module])).toEqual([
      [1, 'gevent'],
      [2, 'gevent'],
      [2, 'ugreen'],
      [3, 'gevent'],
    ]);
  });

  it('ignores comments, and reads acceptances from them', () => {
    const d = detectServerConfig(
      'Dockerfile',
      '# CMD gunicorn -k gevent\n# architecture-review: accept async-frontend-congestion -- behind nginx\nCMD gunicorn -k gevent app:app\n',
    );
    expect(d.signals.map((s) => s.line)).toEqual([3]);
    expect(d.acceptances).toEqual([{ line: 2, rule: 'async-frontend-congestion', reason: 'behind nginx' }]);
  });

  it('reads gunicorn Python configuration as Python: docstrings and comments do not count', () => {
    const d = detectServerConfig(
      'gunicorn.conf.py',
      '"""\nworker_class = "gevent"\n"""\n# worker_class = "gevent"\nworker_class = (\n    "eventlet"\n)\n',
    );
    expect(d.signals.map((s) => [s.line, s.module])).toEqual([[6, 'eventlet']]);
  });

  it('reads Windows line endings', () => {
    expect(detectServerConfig('Procfile', 'web: gunicorn -k gevent app:app\r\n').signals[0]?.evidence).toBe('web: gunicorn -k gevent app:app');
    expect(detectServerConfig('uwsgi.ini', '[uwsgi]\r\ngevent = 100\r\n').signals.map((s) => s.line)).toEqual([2]);
  });

  it('is chosen by detectFile for gunicorn Python files in any case, beside the Python detector', () => {
    const text = 'import threading\nworker_class = "gevent"\n';
    for (const path of ['gunicorn.conf.py', 'deploy/GUNICORN.conf.py', 'Gunicorn_settings.py', 'etc/web.gunicorn.conf.py']) {
      expect(detectFile(path, text)?.signals.map((s) => s.signal), path).toEqual(['threads', 'greenlets']);
    }
    for (const path of ['app.py', 'gunicorn/app.py', 'server.go']) {
      expect(detectFile(path, text)?.signals.map((s) => s.signal) ?? [], path).not.toContain('greenlets');
    }
    expect(isDetectable('x.go') && isDetectable('x.py') && !isDetectable('.py') && !isDetectable('.go')).toBe(true);
  });

  it('returns nothing for a file it does not read', () => {
    expect(detectServerConfig('app.py', 'worker_class = "gevent"\n')).toEqual({ signals: [], acceptances: [] });
  });

  it('stays linear on large inputs', () => {
    const cases: [string, string][] = [
      ['Dockerfile', '# architecture-review: accept x -- y\n'.repeat(50_000)],
      ['start.sh', `uwsgi --plugins ${'a,'.repeat(200_000)}`],
      ['gunicorn.conf.py', `"""${'x'.repeat(1_000_000)}`],
      ['docker-compose.yml', `command:\n${'  - gunicorn\n  - -k\n  - gevent\n'.repeat(20_000)}`],
    ];
    for (const [path, text] of cases) {
      const d = detectServerConfig(path, text);
      expect(Array.isArray(d.signals) && Array.isArray(d.acceptances), path).toBe(true);
    }
    // Speed is measured by `npm run bench`; here the timeout only guards against a hang.
  }, 10_000);

  it('never throws, whatever the input', () => {
    const shellish = fc
      .array(fc.constantFrom('gunicorn', 'uwsgi', '-k', '--worker-class', 'gevent', '--gevent', '=', '"', "'", '\\', '\n', ' ', '#', ';', '[', ']', '- ', ':', '"""', 'worker_class', '(', ')'), { maxLength: 50 })
      .map((p) => p.join(''));
    for (const path of ['gunicorn.conf.py', 'web-gunicorn.conf', 'uwsgi.ini', 'uwsgi.yml', 'docker-compose.yml', 'Dockerfile']) {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (t) => void detectServerConfig(path, t)), { numRuns: 300 });
      fc.assert(fc.property(shellish, (t) => void detectServerConfig(path, t)), { numRuns: 300 });
    }
  });
});
