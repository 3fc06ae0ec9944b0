// `npm start`: Huitou on its embedded defaults from a fresh clone — dependencies, the designer
// build, then the server, worker and an embedded Temporal dev server in one process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies, ensureDesignerBuilt, root } from './lib/prepare.mjs';

ensureDependencies();
ensureDesignerBuilt();
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
