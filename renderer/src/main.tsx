import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiProvider';
import { createApiRuntime } from './api/createApi';
import { App } from './App';
import { normaliseStartRoute } from './hooks/useRoute';
import { applyStoredTheme } from './hooks/useTheme';
import { EngineStore } from './store/engineStore';
import { browserEnvironment } from './store/browserEnvironment';
import { StoreProvider } from './store/StoreProvider';
import './perf';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';

applyStoredTheme();
const runtime = createApiRuntime();
normaliseStartRoute();
const store = new EngineStore(runtime.api, runtime.connection, browserEnvironment());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider runtime={runtime}>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </ApiProvider>
  </StrictMode>,
);
