import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiProvider';
import { createApiRuntime } from './api/createApi';
import { App } from './App';
import { normaliseStartRoute } from './hooks/useRoute';
import { applyStoredTheme } from './hooks/useTheme';
import { InfoProvider } from './state/InfoProvider';
import { StatsProvider } from './state/StatsProvider';
import { FeedProvider } from './views/live/FeedProvider';
import './perf';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';

applyStoredTheme();
const runtime = createApiRuntime();
normaliseStartRoute();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider runtime={runtime}>
      <InfoProvider>
        <StatsProvider>
          <FeedProvider>
            <App />
          </FeedProvider>
        </StatsProvider>
      </InfoProvider>
    </ApiProvider>
  </StrictMode>,
);
