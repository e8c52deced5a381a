/** The current settings, kept up to date while the component is mounted; null until read. */
import { useEffect, useState } from 'preact/hooks';
import { readSettings, type Settings, watchSettings } from '@/common/settings';

export function useSettings(): Settings | null {
  const [values, setValues] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    void readSettings().then((s) => live && setValues(s));
    const stop = watchSettings(setValues);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return values;
}

/** Applies the theme setting to the page (popup, options): the CSS reads data-theme. */
export function useTheme(theme: Settings['theme'] | undefined): void {
  useEffect(() => {
    if (theme) document.documentElement.dataset.theme = theme;
  }, [theme]);
}
