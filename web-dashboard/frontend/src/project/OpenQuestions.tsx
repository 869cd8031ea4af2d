import { useState } from 'react';
import { useAnswerQuestion, useOpenQuestions } from '../api/queries';
import type { Question } from '../api/types';
import { ProblemAlert } from '../components/ProblemAlert';
import { dateTime } from '../lib/format';

/** The longest answer agent-orchestrator takes. */
const MAX_ANSWER = 10_000;

function QuestionCard({ question, projectId, canWrite, taskTitle }: { question: Question; projectId: string; canWrite: boolean; taskTitle?: string }) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const answer = useAnswerQuestion(projectId);
  const fieldId = `answer-${question.id}`;
  const titleId = `question-${question.id}`;
  const send = (value: string) => {
    // the options are binding: a question with options is answered by one of them
    if (!value.trim()) {
      setError('Write an answer first.');
      document.getElementById(fieldId)?.focus();
      return;
    }
    if (value.length > MAX_ANSWER) {
      setError(`An answer has at most ${MAX_ANSWER.toLocaleString()} characters.`);
      return;
    }
    setError('');
    answer.mutate({ id: question.id, answer: value.trim() });
  };
  return (
    <li className="card question" data-question-id={question.id} aria-labelledby={titleId}>
      <p className="small muted">
        An agent asks{taskTitle ? ` (task “${taskTitle}”)` : ''} · {dateTime(question.createdAt)}
      </p>
      <h3 id={titleId}>{question.question}</h3>
      {canWrite && question.options.length > 0 && (
        <div className="button-row" role="group" aria-label="Answers">
          {question.options.map((o) => (
            <button key={o} type="button" className="btn" disabled={answer.isPending} onClick={() => send(o)}>
              {o}
            </button>
          ))}
        </div>
      )}
      {canWrite && question.options.length === 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send(text);
          }}
        >
          <div className="field">
            <label htmlFor={fieldId}>Your answer</label>
            <textarea
              id={fieldId}
              rows={2}
              value={text}
              maxLength={MAX_ANSWER}
              aria-invalid={!!error}
              aria-describedby={error ? `${fieldId}-error` : undefined}
              onChange={(e) => setText(e.target.value)}
            />
            {error && (
              <p className="field-error" id={`${fieldId}-error`}>
                {error}
              </p>
            )}
          </div>
          <button type="submit" className="btn btn-primary" disabled={answer.isPending}>
            Send answer
          </button>
        </form>
      )}
      {answer.error ? <ProblemAlert error={answer.error} title="The answer was not taken" /> : null}
    </li>
  );
}

/** The questions the project's agents wait on (ask_human): options as buttons, else a text box. */
export function OpenQuestions({ projectId, canWrite, taskTitles }: { projectId: string; canWrite: boolean; taskTitles: Map<string, string> }) {
  const questions = useOpenQuestions(projectId);
  const open = questions.data?.content ?? [];
  if (open.length === 0) return null;
  return (
    <section className="card questions" aria-labelledby="questions-title">
      <h2 id="questions-title">Waiting for your answer</h2>
      <ul className="questions-list">
        {open.map((q) => (
          <QuestionCard key={q.id} question={q} projectId={projectId} canWrite={canWrite} taskTitle={taskTitles.get(q.taskId)} />
        ))}
      </ul>
    </section>
  );
}
