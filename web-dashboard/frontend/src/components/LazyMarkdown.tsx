import { lazy, Suspense } from 'react';

const Markdown = lazy(() => import('./Markdown'));

export function LazyMarkdown({ children }: { children: string | null | undefined }) {
  if (!children) return null;
  return (
    <Suspense fallback={<pre className="markdown-fallback">{children}</pre>}>
      <Markdown>{children}</Markdown>
    </Suspense>
  );
}
