import { useState } from 'react';
import { Link } from 'react-router';
import { useApprovals, useDecideApproval, useProject } from '../api/queries';
import type { Approval } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { PageTitle, QueryState } from '../components/ui';
import { dateTime } from '../lib/format';
import { LazyMarkdown } from '../components/LazyMarkdown';

function ProjectLink({ id }: { id: string }) {
  const project = useProject(id);
  return <Link to={`/projects/${id}`}>{project.data?.name ?? `project ${id.slice(0, 8)}`}</Link>;
}

function ApprovalCard({ approval, canWrite }: { approval: Approval; canWrite: boolean }) {
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState('');
  const decide = useDecideApproval();
  const reject = () => {
    // the coordinator needs a reason to reject: it goes to the planner for the next version
    if (!comment.trim()) {
      setCommentError('Say what the next plan should change: a comment is required to reject.');
      document.getElementById(commentId)?.focus();
      return;
    }
    setCommentError('');
    decide.mutate({ id: approval.id, decision: 'reject', comment: comment.trim() });
  };
  const commentId = `comment-${approval.id}`;
  const titleId = `approval-${approval.id}`;
  return (
    <li className="card approval" data-approval-id={approval.id} aria-labelledby={titleId}>
      <div className="card-head">
        <h2 id={titleId}>{approval.planVersion ? `Plan v${approval.planVersion}` : 'Plan'} needs approval</h2>
        <StatusBadge status={approval.status} />
      </div>
      <p className="small muted">
        {approval.projectId && (
          <>
            <ProjectLink id={approval.projectId} /> ·{' '}
          </>
        )}
        requested {dateTime(approval.createdAt)}
      </p>
      {approval.summary && <LazyMarkdown>{approval.summary}</LazyMarkdown>}
      {approval.projectId && (
        <p className="small">
          <Link to={`/projects/${approval.projectId}`}>Review the plan graph →</Link>
        </p>
      )}
      {canWrite && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
          }}
        >
          <div className="field">
            <label htmlFor={commentId}>Comment</label>
            <textarea
              id={commentId}
              rows={2}
              value={comment}
              aria-invalid={!!commentError}
              aria-describedby={commentError ? `${commentId}-error` : undefined}
              onChange={(e) => setComment(e.target.value)}
              placeholder="Optional to approve; required to reject"
            />
            {commentError && (
              <p className="field-error" id={`${commentId}-error`}>
                {commentError}
              </p>
            )}
          </div>
          {decide.error ? <ProblemAlert error={decide.error} title="The decision was not recorded" /> : null}
          <div className="button-row">
            <button type="button" className="btn btn-primary" disabled={decide.isPending} onClick={() => decide.mutate({ id: approval.id, decision: 'approve', comment: comment.trim() })}>
              Approve
            </button>
            <button type="button" className="btn btn-danger" disabled={decide.isPending} onClick={reject}>
              Reject
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

export default function ApprovalsPage() {
  const approvals = useApprovals();
  const { canWrite } = useAuth();
  const list = approvals.data?.content ?? [];
  return (
    <>
      <PageTitle>Approvals</PageTitle>
      <p className="muted">Steps that wait for a person: plans that need approval and tool calls flagged for review.</p>
      <QueryState query={approvals} isEmpty={list.length === 0} empty="Nothing waits for you. Pending approvals show up here.">
        <ul className="approvals">
          {list.map((a) => (
            <ApprovalCard key={a.id} approval={a} canWrite={canWrite} />
          ))}
        </ul>
      </QueryState>
    </>
  );
}
