import type { ServiceItem } from '@yichuang/core';
import { civilAffairsItems } from './civil-affairs.js';
import { constructionItems } from './construction.js';
import { disabilityItems } from './disability.js';
import { educationItems } from './education.js';
import { employmentItems } from './employment.js';
import { healthItems } from './health.js';
import { householdItems } from './household.js';
import { housingItems } from './housing.js';
import { marketItems } from './market.js';
import { medicalInsuranceItems } from './medical-insurance.js';
import { realEstateItems } from './real-estate.js';
import { retirementItems } from './retirement.js';
import { socialInsuranceItems } from './social-insurance.js';
import { taxItems } from './tax.js';
import { transportItems } from './transport.js';
import { utilityItems } from './utilities.js';
import { veteranItems } from './veterans.js';

/** Every item of the demo hall, grouped by domain in the hall guide's order. */
export const demoItems: ServiceItem[] = [
  ...socialInsuranceItems,
  ...employmentItems,
  ...medicalInsuranceItems,
  ...housingItems,
  ...civilAffairsItems,
  ...householdItems,
  ...marketItems,
  ...constructionItems,
  ...transportItems,
  ...disabilityItems,
  ...retirementItems,
  ...healthItems,
  ...taxItems,
  ...realEstateItems,
  ...veteranItems,
  ...utilityItems,
  ...educationItems,
];
