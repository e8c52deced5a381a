/** The options page: every setting of the settings module, saved as it changes. */
import { useEffect, useState } from 'preact/hooks';
import { readSettings, type Settings, settings, watchSettings } from '@/common/settings';

export function Options() {
  const [values, setValues] = useState<Settings | null>(null);
  useEffect(() => {
    void readSettings().then(setValues);
    return watchSettings(setValues);
  }, []);
  if (!values) return null;
  return (
    <main class="pg-options">
      <h1>Policy Glossary</h1>
      <label>
        Hover delay (ms){' '}
        <input
          type="number"
          min={0}
          max={2000}
          step={50}
          value={values.hoverDelay}
          onChange={(e) => void settings.hoverDelay.setValue(Number((e.target as HTMLInputElement).value))}
        />
      </label>
      <fieldset>
        <legend>Mark style</legend>
        {(['underline', 'tint', 'none'] as const).map((style) => (
          <label key={style}>
            <input
              type="radio"
              name="markStyle"
              value={style}
              checked={values.markStyle === style}
              onChange={() => void settings.markStyle.setValue(style)}
            />{' '}
            {style}
          </label>
        ))}
      </fieldset>
      <label>
        <input
          type="checkbox"
          checked={values.paused}
          onChange={(e) => void settings.paused.setValue((e.target as HTMLInputElement).checked)}
        />{' '}
        Pause everywhere
      </label>
    </main>
  );
}
