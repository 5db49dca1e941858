import { html, nothing, type TemplateResult } from 'lit';

/** What a staff desk view says after a step: what went wrong (with the hall's issue lines), or what was done. */
export interface DeskFeedback {
  error?: { message: string; issues: readonly string[] } | undefined;
  done?: string | undefined;
}

/**
 * The outcome of a step in a staff desk view (styled by `deskStyles`): the problem as an alert (part `error`), or what
 * was done as a status with its sign (part `done`); both take the focus (`tabindex="-1"`) so that it is read out.
 */
export function deskFeedback({ error, done }: DeskFeedback): TemplateResult {
  return html`${
    error
      ? html`<div class="error" part="error" role="alert" tabindex="-1">
          <p>${error.message}</p>
          ${
            error.issues.length > 0
              ? html`<ul>
                  ${error.issues.map((issue) => html`<li>${issue}</li>`)}
                </ul>`
              : nothing
          }
        </div>`
      : nothing
  }
  ${
    done
      ? html`<p class="done" part="done" role="status" tabindex="-1"><span aria-hidden="true">✓</span> ${done}</p>`
      : nothing
  }`;
}
