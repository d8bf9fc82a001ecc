import type { Detector } from './detect.js';
import { lineOf } from './types.js';

/** The JVM: Maven and Gradle (wrappers preferred), Spring Boot. */
export const jvm: Detector = {
  name: 'jvm',
  detect(ctx) {
    const { has, read, p, framework, command } = ctx;
    const pom = read('pom.xml');
    if (pom) {
      p.packageManagers.push({ name: 'maven', kind: 'java', evidence: { file: 'pom.xml', line: 1 } });
      if (/spring-boot/.test(pom))
        framework('Spring Boot', 'web', { file: 'pom.xml', line: lineOf(pom, 'spring-boot') });
      command('test', has('mvnw') ? './mvnw test' : 'mvn test', { file: 'pom.xml', line: 1 });
    }
    for (const g of ['build.gradle.kts', 'build.gradle']) {
      const text = read(g);
      if (!text) continue;
      p.packageManagers.push({
        name: 'gradle',
        kind: g.endsWith('kts') ? 'kotlin' : 'java',
        evidence: { file: g, line: 1 },
      });
      if (/org\.springframework\.boot/.test(text))
        framework('Spring Boot', 'web', { file: g, line: lineOf(text, 'org.springframework.boot') });
      command('test', has('gradlew') ? './gradlew test' : 'gradle test', { file: g, line: 1 });
      break;
    }
  },
};
