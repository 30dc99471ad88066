/** Whether the words of a run's data can be drawn, loading the English word table on first use (its own chunk). */
import { useEffect, useState } from 'react';
import { type DataKind, loadWordData, wordDataReady } from '../../results/words';

export function useWordData(data: DataKind): boolean {
  const [ready, setReady] = useState(() => wordDataReady(data));
  useEffect(() => {
    if (wordDataReady(data)) {
      setReady(true);
      return;
    }
    let live = true;
    setReady(false);
    void loadWordData(data).then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [data]);
  return ready;
}
