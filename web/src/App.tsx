import { useState } from 'react';
import { CampaignList } from './components/CampaignList.tsx';
import { UnitBrowser } from './components/UnitBrowser.tsx';
import { dictionary, type Language, LanguageContext } from './i18n.ts';

export function App() {
  const [language, setLanguage] = useState<Language>('vi');
  const text = dictionary[language];
  return (
    <LanguageContext.Provider value={language}>
      <header>
        <h1>{text.title}</h1>
        <button
          type="button"
          lang={language === 'vi' ? 'en' : 'vi'}
          onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
        >
          {text.switchTo}
        </button>
      </header>
      <main lang={language}>
        <section aria-labelledby="campaigns-heading">
          <h2 id="campaigns-heading">{text.campaigns}</h2>
          <CampaignList language={language} />
        </section>
        <UnitBrowser />
      </main>
    </LanguageContext.Provider>
  );
}
