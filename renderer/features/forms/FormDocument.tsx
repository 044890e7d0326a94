/**
 * The five standard forms, rendered from their filled data only (a snapshot), so the preview, the print, the
 * PDF and a later reprint are the same component fed the same data. Wording: shared/seeds (see docs/forms.md).
 */
import type { ReactNode } from 'react';
import './forms.css';
import {
  displayName,
  formatDay,
  type Annexe1Form,
  type AnnexeLine,
  type BulletinForm,
  type DemandeHabilitationForm,
  type DesignationForm,
  type FilledForm,
  type FormHeader,
  type Signatory,
  type SuppressionForm,
} from '../../../shared/forms';
import { bulletinProfileTexts } from '../../../shared/forms/wording';

/**
 * An e-mail may break after « @ », « . », « - » or « _ » rather than anywhere: a long address wraps where a
 * reader expects it, and copying it from the PDF still gives the address.
 */
function Mail({ value }: { value: string }) {
  const parts = value.split(/(?<=[@._-])/);
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 ? <wbr /> : null}
        </span>
      ))}
    </>
  );
}

/** A value on its dotted line; empty leaves the line to complete by hand. */
function Value({ children }: { children?: ReactNode }) {
  return <span className="mcp-value">{children}</span>;
}

function Field({ label, value, indent, mail }: { label: ReactNode; value: string; indent?: 1 | 2; mail?: boolean }) {
  return (
    <div className={`mcp-field${indent === 1 ? ' indent' : indent === 2 ? ' indent2' : ''}`}>
      <span className="mcp-label">{label}</span>
      <Value>{mail ? <Mail value={value} /> : value}</Value>
    </div>
  );
}

function Check({ checked, label }: { checked: boolean; label: string }) {
  return (
    <span className="mcp-check">
      <span className="mcp-box" aria-label={checked ? 'coché' : 'non coché'}>
        {checked ? 'X' : ''}
      </span>
      {label}
    </span>
  );
}

function Dots() {
  return <span className="mcp-dots">&nbsp;</span>;
}

function PartnerLines({ h }: { h: FormHeader }) {
  return (
    <div className="mcp-head-partner">
      <p>
        Partenaire : <strong>{h.partnerName}</strong>
      </p>
      <p>
        Convention n° : <strong>{h.conventionNumber || <Dots />}</strong>
      </p>
    </div>
  );
}

/** Partner, convention, the Caf's name and address, as at the top of Annexe 3 (haut-rhin-2017). */
function LetterHead({ h }: { h: FormHeader }) {
  return (
    <>
      <div className="mcp-head">
        <PartnerLines h={h} />
        <div className="mcp-head-caf">
          <p>
            <strong>{h.cafName || <Dots />}</strong>
          </p>
          {h.cafAddressLines.length ? h.cafAddressLines.map((l, i) => <p key={i}>{l}</p>) : <p><Dots /></p>}
        </div>
      </div>
      <p className="mcp-attention">A l'attention de l'administrateur « Mon Compte Partenaire »</p>
    </>
  );
}

/** Repeated at the top of every page a long table runs onto, with the column titles. */
function RunningRow({ h, title, span }: { h: FormHeader; title: string; span: number }) {
  return (
    <tr className="mcp-running">
      <th colSpan={span}>
        {title} — Partenaire : {h.partnerName} — Convention n° : {h.conventionNumber || '…'}
      </th>
    </tr>
  );
}

function nameOf(s: { firstName: string; lastName: string }): string {
  return displayName(s.firstName, s.lastName);
}

function SignatureBox({ who, name, hint }: { who: ReactNode; name: string; hint: string }) {
  return (
    <div className="mcp-signature">
      <span className="who">{who}</span>
      <span>{name || <Dots />}</span>
      <span className="hint">{hint}</span>
      <span className="space" />
    </div>
  );
}

function AdministratorSignature({ s }: { s: Signatory }) {
  const name = nameOf(s);
  return (
    <div className="mcp-signatures">
      <div style={{ flex: 1 }} />
      <SignatureBox who="L'administrateur," name={name} hint={name ? 'et signature' : 'Prénom, NOM (à compléter par le partenaire) et signature'} />
    </div>
  );
}

function Designation({ f }: { f: DesignationForm }) {
  const signatory = nameOf(f.signatory);
  const admin = nameOf(f.newAdmin);
  return (
    <section className="mcp-sheet" data-form="designation-administrateur">
      <LetterHead h={f.header} />
      <p className="mcp-title">Objet : {f.replaces ? "modification d'un administrateur" : "désignation d'un administrateur"}</p>
      <div className="mcp-section">
        <Field label="Prénom et NOM de l'administrateur à habiliter :" value={admin} />
        <Field label="Fonction :" value={f.newAdmin.function} />
        <div className="mcp-field">
          <span className="mcp-label">Cet administrateur remplace-t-il un administrateur existant :</span>
          <span>
            <Check checked={f.replaces === true} label="oui" />
            <Check checked={f.replaces === false} label="non" />
          </span>
        </div>
        <div className="mcp-field">Si oui,</div>
        <Field indent={1} label="- précisez les prénoms et noms de l'administrateur à remplacer :" value={nameOf(f.replaced)} />
        <Field indent={1} label="- précisez l'adresse mél de l'administrateur à remplacer :" value={f.replaced.email} mail />
      </div>
      <div className="mcp-section">
        <h3>Coordonnées de l'administrateur :</h3>
        <div className="mcp-field indent">- Numéro de téléphone (renseigner au moins un numéro) :</div>
        <Field indent={2} label="o Téléphone fixe :" value={f.newAdmin.landline} />
        <Field indent={2} label="o Téléphone mobile :" value={f.newAdmin.mobile} />
        <Field indent={1} label="- Adresse mél professionnelle et individuelle :" value={f.newAdmin.email} mail />
      </div>
      <p className="mcp-note">Ces coordonnées seront utilisées par la Caf uniquement dans le cadre de la gestion de l'accès à « Mon Compte Partenaire ».</p>
      <div className="mcp-signatures">
        <SignatureBox
          who={
            <>
              Pour le Partenaire
              <br />
              {f.signatory.title ? f.signatory.title.toLocaleUpperCase('fr-FR') : <Dots />}
            </>
          }
          name={signatory}
          hint={signatory ? 'et signature' : '(Prénom et NOM à compléter par le partenaire) et signature'}
        />
        <SignatureBox who="L'administrateur" name={admin} hint={admin ? 'et signature' : '(Prénom et NOM à compléter par le partenaire) et signature'} />
      </div>
    </section>
  );
}

/** Short lists keep the blank lines of the real form (seven rows) so people can be added by hand. */
const MIN_ROWS = 7;

function Suppression({ f }: { f: SuppressionForm }) {
  const blanks = Math.max(0, MIN_ROWS - f.rows.length);
  return (
    <section className="mcp-sheet" data-form="suppression-cdap">
      <LetterHead h={f.header} />
      <p className="mcp-title">Objet : demande de suppression d'accès au service « CDAP »</p>
      <p>
        Je demande la suppression de l'accès au service CDAP pour la ou les personne(s) désignée(s) ci-dessous à compter du{' '}
        <strong>{f.effectiveOn ? formatDay(f.effectiveOn) : '...../...../.........'}</strong>.
      </p>
      <table className="mcp-table">
        <colgroup>
          <col style={{ width: '27%' }} />
          <col style={{ width: '33%' }} />
          <col style={{ width: '26%' }} />
          <col style={{ width: '14%' }} />
        </colgroup>
        <thead>
          <RunningRow h={f.header} title="Demande de suppression d'accès au service CDAP" span={4} />
          <tr>
            <th>Prénom NOM</th>
            <th>Adresse mél</th>
            <th>Fonction</th>
            <th className="center">Cocher si perte ou vol</th>
          </tr>
        </thead>
        <tbody>
          {f.rows.map((r, i) => (
            <tr key={i} data-row={i + 1}>
              <td>{nameOf(r)}</td>
              <td>
                <Mail value={r.email} />
              </td>
              <td>{r.function}</td>
              <td className="center">
                <span className="mcp-box">{r.perteVol ? 'X' : ''}</span>
              </td>
            </tr>
          ))}
          {Array.from({ length: blanks }, (_, i) => (
            <tr key={`b${i}`}>
              <td className="blank" />
              <td />
              <td />
              <td className="center">
                <span className="mcp-box" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AdministratorSignature s={f.administrator} />
    </section>
  );
}

function DemandeHabilitation({ f }: { f: DemandeHabilitationForm }) {
  const blanks = Math.max(0, MIN_ROWS - f.rows.length);
  return (
    <section className="mcp-sheet" data-form="demande-habilitation">
      <LetterHead h={f.header} />
      <p className="mcp-title">Objet : demande d'habilitation de nouveaux utilisateurs au service « CDAP »</p>
      <p>Je demande l'habilitation au service CDAP de la ou des personne(s) désignée(s) ci-dessous, avec le profil indiqué, à compter de la date de début indiquée.</p>
      <table className="mcp-table">
        <colgroup>
          <col style={{ width: '22%' }} />
          <col style={{ width: '29%' }} />
          <col style={{ width: '21%' }} />
          <col style={{ width: '14%' }} />
          <col style={{ width: '14%' }} />
        </colgroup>
        <thead>
          <RunningRow h={f.header} title="Demande d'habilitation de nouveaux utilisateurs" span={5} />
          <tr>
            <th>Prénom NOM</th>
            <th>Adresse mél</th>
            <th>Fonction</th>
            <th>Profil</th>
            <th>Date de début</th>
          </tr>
        </thead>
        <tbody>
          {f.rows.map((r, i) => (
            <tr key={i} data-row={i + 1}>
              <td>{nameOf(r)}</td>
              <td>
                <Mail value={r.email} />
              </td>
              <td>{r.function}</td>
              <td>
                {r.profile}
                {r.instructorNumber ? (
                  <>
                    <br />
                    N° instructeur : {r.instructorNumber}
                  </>
                ) : null}
              </td>
              <td>{formatDay(r.startOn)}</td>
            </tr>
          ))}
          {Array.from({ length: blanks }, (_, i) => (
            <tr key={`b${i}`}>
              <td className="blank" />
              <td />
              <td />
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mcp-footnote">Profil T4 (services instructeurs) : indiquer le numéro instructeur de chaque personne.</p>
      <AdministratorSignature s={f.administrator} />
    </section>
  );
}

function AnnexeRow({ line, mark }: { line: AnnexeLine; mark?: string }) {
  return (
    <tr>
      <td>
        {line.role}
        {mark ? <sup>{mark}</sup> : null} {line.name ? <strong>{line.name}</strong> : line.role.startsWith('Guichet') ? null : <span className="mcp-dots">&nbsp;</span>}
      </td>
      <td>
        <Mail value={line.email} />
      </td>
      <td>{line.phone}</td>
    </tr>
  );
}

function AnnexeTable({ h, side, partner }: { h: FormHeader; side: Annexe1Form['cafSide']; partner: boolean }) {
  return (
    <table className="mcp-table">
      <colgroup>
        <col style={{ width: '44%' }} />
        <col style={{ width: '36%' }} />
        <col style={{ width: '20%' }} />
      </colgroup>
      <thead>
        <RunningRow h={h} title="Annexe 1" span={3} />
        <tr>
          <th>Fonction et dénomination</th>
          <th>Adresse mél</th>
          <th>Téléphone</th>
        </tr>
      </thead>
      <tbody>
        <tr className="mcp-group">
          <td colSpan={3}>Administrateurs</td>
        </tr>
        {side.administrators.map((l, i) => (
          <AnnexeRow key={`a${i}`} line={l} mark={partner && l.role === 'Administrateur' && i === 0 ? '(1)' : undefined} />
        ))}
        <tr className="mcp-group">
          <td colSpan={3}>Autres interlocuteurs</td>
        </tr>
        {side.others.map((l, i) => (
          <AnnexeRow key={`o${i}`} line={l} />
        ))}
      </tbody>
    </table>
  );
}

function Annexe1({ f }: { f: Annexe1Form }) {
  return (
    <section className="mcp-sheet" data-form="annexe1-interlocuteurs">
      <PartnerLines h={f.header} />
      <p className="mcp-annex-title">ANNEXE 1</p>
      <p className="mcp-annex-subtitle">« Les interlocuteurs des partenaires »</p>
      <h3>Les interlocuteurs à la Caf{f.header.cafName ? ` — ${f.header.cafName}` : ''}</h3>
      <AnnexeTable h={f.header} side={f.cafSide} partner={false} />
      <h3>Les interlocuteurs chez le partenaire</h3>
      <AnnexeTable h={f.header} side={f.partnerSide} partner />
      <p className="mcp-footnote">
        (1) L'administrateur représente l'organisme partenaire dans la convention et est responsable des habilitations au service attribuées.
      </p>
    </section>
  );
}

function Bulletin({ f }: { f: BulletinForm }) {
  const described = Object.keys(bulletinProfileTexts);
  const extra = f.profiles.filter((p) => p.code && !described.includes(p.code));
  const cafSide = f.header.cafName ? `Pour la ${f.header.cafName}` : 'Pour la Caf';
  return (
    <section className="mcp-sheet mcp-text" data-form="bulletin-adhesion">
      <PartnerLines h={f.header} />
      <p className="mcp-title">Bulletin d’adhésion au service « Consultation du dossier allocataire par les partenaires (Cdap) ».</p>
      <p>Le service « Cdap » permet à des partenaires habilités de consulter diverses données issues du dossier de l’allocataire.</p>
      <p>Le service a pour but de :</p>
      <ul>
        <li>Permettre au partenaire d’accéder aux données d’un allocataire en fonction de ses habilitations dans un cadre sécurisé ;</li>
        <li>Limiter les sollicitations auprès de la Caf en restituant les données pertinentes liées aux missions du partenaire.</li>
      </ul>
      <p>Les différentes catégories de profils d’utilisateurs sont les suivantes :</p>
      {Object.entries(bulletinProfileTexts).map(([code, t]) =>
        t.paragraphs.map((para, i) => (
          <p key={`${code}-${i}`}>
            {i === 0 ? <strong>{t.title} : </strong> : null}
            {para}
          </p>
        )),
      )}
      {extra.map((p) => (
        <p key={p.code}>
          <strong>
            Profil {p.code} – {p.label}
          </strong>
        </p>
      ))}
      <p>Le service est mis à disposition de :</p>
      <table className="mcp-table" style={{ width: '70%' }}>
        <thead>
          <tr>
            <th>Profils</th>
            <th className="center">Nombre d’utilisateurs autorisés</th>
          </tr>
        </thead>
        <tbody>
          {f.profiles.map((p, i) => (
            <tr key={i}>
              <td className={p.code ? undefined : 'blank'}>
                {p.code ? (
                  <>
                    <strong>{p.code}</strong>
                    {p.label ? ` – ${p.label}` : ''}
                  </>
                ) : null}
              </td>
              <td className="center">{p.code ? (p.maxUsers ? String(p.maxUsers) : '/') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Un dossier de description du service Cdap est mis à disposition sur « Mon Compte Partenaire » après authentification.</p>
      <p>Fait à ...................................... en deux exemplaires, le ...../...../.........</p>
      <div className="mcp-signatures">
        <SignatureBox
          who={
            <>
              Pour le Partenaire
              <br />
              {f.header.partnerName}
              <br />
              {f.partnerSignatoryTitle ? f.partnerSignatoryTitle.toLocaleUpperCase('fr-FR') : <Dots />}
            </>
          }
          name=""
          hint="(Prénom et NOM à compléter par le partenaire) et signature"
        />
        <SignatureBox
          who={
            <>
              {cafSide}
              <br />
              LE DIRECTEUR
            </>
          }
          name={f.cafSignatory}
          hint="et signature"
        />
      </div>
    </section>
  );
}

export function FormDocument({ form }: { form: FilledForm }) {
  return <div className="mcp-form">{renderForm(form)}</div>;
}

function renderForm(form: FilledForm) {
  switch (form.type) {
    case 'designation-administrateur':
      return <Designation f={form} />;
    case 'suppression-cdap':
      return <Suppression f={form} />;
    case 'demande-habilitation':
      return <DemandeHabilitation f={form} />;
    case 'annexe1-interlocuteurs':
      return <Annexe1 f={form} />;
    case 'bulletin-adhesion':
      return <Bulletin f={form} />;
  }
}
