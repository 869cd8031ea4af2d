import { lazy, Suspense, type ReactNode } from 'react';
import { usePrefetchQuery } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { latestPlanQuery, projectQuery } from './api/queries';
import { useAuth } from './auth/AuthContext';
import { Layout } from './components/Layout';
import { PageTitle, Spinner } from './components/ui';
import ProjectsPage from './pages/ProjectsPage';
import SignInPage from './pages/SignInPage';

// Heavy pages (graph layout, charts, markdown) load on demand to keep the first load small.
const ProjectPage = lazy(() => import('./project/ProjectPage'));
const ApprovalsPage = lazy(() => import('./pages/ApprovalsPage'));
const ModelsPage = lazy(() => import('./pages/ModelsPage'));
const ToolsPage = lazy(() => import('./pages/ToolsPage'));
const SystemPage = lazy(() => import('./pages/SystemPage'));

function RequireAuth({ children }: { children: ReactNode }) {
  const { token } = useAuth();
  const location = useLocation();
  if (!token) {
    const next = location.pathname + location.search;
    return <Navigate to={`/signin${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return <>{children}</>;
}

function NotFound() {
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <p>
        There is nothing at this address. <a href="/projects">Go to projects</a>.
      </p>
    </>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/projects" replace />} />
        <Route path="/projects" element={<ProjectsPage />} />
        <Route path="/projects/:id" element={<ProjectRoute />} />
        <Route path="/approvals" element={<Lazy><ApprovalsPage /></Lazy>} />
        <Route path="/models" element={<Lazy><ModelsPage /></Lazy>} />
        <Route path="/tools" element={<Lazy><ToolsPage /></Lazy>} />
        <Route path="/system" element={<Lazy><SystemPage /></Lazy>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

/** Starts loading the project and its plan while the page's code is still on its way. */
function ProjectRoute() {
  const { id = '' } = useParams();
  // the graph's chunk too, rather than after the page's own chunk has run
  void import('./project/PlanGraph');
  usePrefetchQuery(projectQuery(id));
  usePrefetchQuery(latestPlanQuery(id));
  return (
    <Lazy>
      <ProjectPage />
    </Lazy>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spinner />}>{children}</Suspense>;
}
