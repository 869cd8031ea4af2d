import ReactMarkdown from 'react-markdown';

/** Model output rendered as markdown; raw HTML in it is not rendered (react-markdown's default). */
export default function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown>{children}</ReactMarkdown>
    </div>
  );
}
