/** A core schema message without its leading field key (`idNumber: …`): a form shows it under the field. */
export const withoutFieldKey = (message: string): string => message.replace(/^[A-Za-z.[\]0-9]+: /, '');
