import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { AuthProvider } from './auth-context';
import { ConfirmProvider } from './components/confirm-provider';
import { ToastProvider } from './components/toast-provider';
import { FeaturesProvider } from './features-context';
import { RouterProvider } from './router';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');

createRoot(root).render(
  <StrictMode>
    <RouterProvider>
      <AuthProvider>
        <FeaturesProvider>
          <ToastProvider>
            <ConfirmProvider>
              <App />
            </ConfirmProvider>
          </ToastProvider>
        </FeaturesProvider>
      </AuthProvider>
    </RouterProvider>
  </StrictMode>,
);
