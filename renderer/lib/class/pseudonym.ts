// A random pseudonym offered to a student (no personal data needed): "Calm Otter 42".
const ADJECTIVES = [
  'Brave',
  'Calm',
  'Clever',
  'Curious',
  'Daring',
  'Eager',
  'Gentle',
  'Happy',
  'Jolly',
  'Keen',
  'Lucky',
  'Merry',
  'Mighty',
  'Nimble',
  'Proud',
  'Quick',
  'Quiet',
  'Sharp',
  'Shy',
  'Swift',
  'Witty',
  'Wise',
  'Bold',
  'Bright',
];
const ANIMALS = [
  'Otter',
  'Falcon',
  'Panda',
  'Fox',
  'Heron',
  'Lynx',
  'Koala',
  'Badger',
  'Beaver',
  'Bison',
  'Crane',
  'Dolphin',
  'Eagle',
  'Gecko',
  'Hare',
  'Ibis',
  'Jaguar',
  'Lemur',
  'Marmot',
  'Newt',
  'Owl',
  'Puffin',
  'Raven',
  'Seal',
];

/** `random` returns uniforms in [0, 1) (the page passes a crypto-backed source). */
export const pseudonym = (random: () => number): string => {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length) % list.length] as T;
  return `${pick(ADJECTIVES)} ${pick(ANIMALS)} ${10 + Math.floor(random() * 90)}`;
};

/** A uniform in [0, 1) from the browser's CSPRNG. */
export const cryptoRandom = (): number => {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return (a[0] as number) / 2 ** 32;
};
