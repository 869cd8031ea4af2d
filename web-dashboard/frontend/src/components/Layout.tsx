import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { useApprovals } from '../api/queries';

const LINKS = [
  { to: '/projects', label: 'Projects' },
  { to: '/approvals', label: 'Approvals' },
  { to: '/models', label: 'Models' },
  { to: '/tools', label: 'Tools' },
  { to: '/system', label: 'System' },
];

export function Layout() {
  const { claims, signOut } = useAuth();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const approvals = useApprovals();
  const pending = approvals.data?.totalElements ?? 0;

  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/projects" className="brand" aria-label="Berrys home">
          <img src="/favicon.svg" alt="" width={26} height={26} />
          <span>Berrys</span>
        </NavLink>
        <button
          type="button"
          className="btn btn-ghost menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          Menu
        </button>
        <nav id="main-nav" className={`main-nav ${menuOpen ? 'open' : ''}`} aria-label="Main">
          {LINKS.map((l) => (
            <NavLink key={l.to} to={l.to} className={({ isActive }) => `nav-link ${isActive ? 'active' : ''}`}>
              {l.label}
              {l.to === '/approvals' && pending > 0 && (
                <span className="count" aria-label={`${pending} pending`}>
                  {pending}
                </span>
              )}
            </NavLink>
          ))}
          <div className="user">
            <span className="user-name" title={claims.roles?.join(', ')}>
              {claims.sub ?? 'Signed in'}
            </span>
            <button type="button" className="btn btn-ghost" onClick={signOut}>
              Sign out
            </button>
          </div>
        </nav>
      </header>
      <main id="main" className="content">
        <Outlet />
      </main>
    </div>
  );
}
