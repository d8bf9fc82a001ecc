import type { Detector } from './detect.js';

/** Containers and infrastructure: Docker, Compose, Helm, Terraform, platform files. */
export const containers: Detector = {
  name: 'containers',
  detect(ctx) {
    const { inventory, p } = ctx;
    for (const f of inventory.files) {
      const name = f.path.slice(f.path.lastIndexOf('/') + 1);
      if (/^Dockerfile/.test(name))
        p.containers.push({ name: 'Docker', detail: f.path, evidence: { file: f.path, line: 1 } });
      else if (/^(docker-)?compose[^/]*\.ya?ml$/.test(name))
        p.containers.push({ name: 'Docker Compose', detail: f.path, evidence: { file: f.path, line: 1 } });
      else if (name === 'Chart.yaml')
        p.containers.push({ name: 'Helm', detail: f.path, evidence: { file: f.path, line: 1 } });
      else if (/\.tf$/.test(name) && !p.containers.some((c) => c.name === 'Terraform'))
        p.containers.push({ name: 'Terraform', detail: f.path, evidence: { file: f.path, line: 1 } });
      else if (/^(fly\.toml|vercel\.json|netlify\.toml|serverless\.ya?ml|Procfile|app\.yaml)$/.test(name))
        p.containers.push({
          name: name.replace(/\..*$/, ''),
          detail: f.path,
          evidence: { file: f.path, line: 1 },
        });
    }
  },
};
