import { describe, expect, it } from 'vitest';
import { parseReleaseFile, pickJava } from './java';

describe('parseReleaseFile', () => {
  it('reads the major version', () => {
    expect(parseReleaseFile('IMPLEMENTOR="Debian"\nJAVA_VERSION="17.0.15"\n')).toBe(17);
    expect(parseReleaseFile('JAVA_VERSION="25.0.3"')).toBe(25);
    expect(parseReleaseFile('JAVA_VERSION="1.8.0_412"')).toBe(8);
    expect(parseReleaseFile('nothing here')).toBeUndefined();
  });
});

describe('pickJava', () => {
  const jdk8 = { home: '/jvm/8', major: 8 };
  const jdk17 = { home: '/jvm/17', major: 17 };
  const jdk21 = { home: '/jvm/21', major: 21 };
  const jdk25 = { home: '/jvm/25', major: 25 };

  it('prefers JAVA_HOME when it is 17 or newer', () => {
    expect(pickJava([jdk17, jdk21], '/jvm/21')).toBe(jdk21);
    expect(pickJava([jdk8, jdk17], '/jvm/8')).toBe(jdk17);
  });

  it('prefers 17, then 21, over newer majors', () => {
    expect(pickJava([jdk25, jdk21, jdk17], undefined)).toBe(jdk17);
    expect(pickJava([jdk25, jdk21], undefined)).toBe(jdk21);
    expect(pickJava([jdk25, jdk8], undefined)).toBe(jdk25);
    expect(pickJava([jdk8], undefined)).toBeUndefined();
  });
});
