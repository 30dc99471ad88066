import { expect, it } from 'vitest';
import { defaultSweep } from '../../src/engine/admissibility/sweep';
import { readExplorerUrl, writeExplorerUrl } from '../../src/ui/explorer/explorer-url';
it('x', () => {
  for (const data of ['zipf', 'english']) {
    const sweep = defaultSweep(data);
    const text = writeExplorerUrl({ sweep, colour: 'alive', workers: null, embed: false });
    console.log(text);
    const back = readExplorerUrl(`?${text}`);
    expect(back.notices).toEqual([]);
    expect(back.state.sweep).toEqual(sweep);
  }
  const s2 = { ...defaultSweep('zipf') };
  s2.base = { ...s2.base, nIni: 100 };
  const t2 = writeExplorerUrl({ sweep: s2, colour: 'ratio', workers: null, embed: false });
  console.log(t2);
  expect(readExplorerUrl(`?${t2}`).state.sweep).toEqual(s2);
});
