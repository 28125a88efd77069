import { render } from 'preact';
import { App } from './app.js';
import { loadConfig } from './lib/config.js';
import './styles.css';

const root = document.getElementById('app')!;
// The static "loading" paragraph of index.html goes; Preact renders into an empty element.
root.textContent = '';
loadConfig().then(
  (config) => render(<App config={config} />, root),
  (err: unknown) => {
    root.textContent = `The console cannot start: ${(err as Error).message}`;
  },
);
