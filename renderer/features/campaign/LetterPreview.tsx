/** The letter on screen, from the same LetterDoc the PDF is drawn from (letterPdf.ts). */
import type { LetterDoc } from '../../../shared/campaign/letter';
import '../forms/forms.css';
import './campaign.css';

export function LetterPreview({ letter }: { letter: LetterDoc }) {
  return (
    <div className="mcp-form mcp-letter" data-testid="letter-preview">
      <section className="mcp-sheet">
        <div className="mcp-letter-head">
          <div className="sender">
            {letter.sender.map((l, i) => (
              <p key={i} className={i === 0 ? 'strong' : undefined}>
                {l}
              </p>
            ))}
          </div>
          <div className="recipient">
            {letter.recipient.map((l, i) => (
              <p key={i} className={i === 2 ? 'strong' : undefined}>
                {l}
              </p>
            ))}
          </div>
        </div>
        <p className="mcp-letter-date">{letter.placeAndDate}</p>
        {letter.reference && <p>Réf. : {letter.reference}</p>}
        <p className="strong">Objet : {letter.subject}</p>
        {letter.parts.map((part, i) =>
          part.kind === 'text' ? (
            <div key={i} className="mcp-letter-text">
              {part.text.split('\n').map((l, j) => (l.trim() ? <p key={j}>{l}</p> : <br key={j} />))}
            </div>
          ) : letter.groups.length === 0 ? (
            <p key={i} className="strong">
              Aucune habilitation active enregistrée par la Caf.
            </p>
          ) : (
            <table key={i} className="mcp-table">
              <thead>
                <tr>
                  <th>Prénom NOM</th>
                  <th>Adresse mél</th>
                  <th>Fonction</th>
                  <th>Depuis le</th>
                </tr>
              </thead>
              <tbody>
                {letter.groups.map((g) => [
                  <tr key={g.heading} className="mcp-group">
                    <td colSpan={4}>{g.heading}</td>
                  </tr>,
                  ...g.rows.map((r, j) => (
                    <tr key={`${g.heading}-${j}`}>
                      <td>{r.name}</td>
                      <td>{r.email}</td>
                      <td>{r.fn}</td>
                      <td>{r.since}</td>
                    </tr>
                  )),
                ])}
              </tbody>
            </table>
          ),
        )}
        <div className="mcp-letter-signature">
          {letter.signature.map((l, i) => (
            <p key={i} className={i === 0 ? 'strong' : undefined}>
              {l}
            </p>
          ))}
        </div>
      </section>
    </div>
  );
}
