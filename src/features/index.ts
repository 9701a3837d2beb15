// The features the app is made of, in the order they are registered. Each API plugin is mounted
// under /api/v1; each page plugin at the root.
// This registry is the one file allowed to import a feature's routes rather than its service.ts: mounting
// them is its whole job (see the slice boundary rule in eslint.config.js). No feature imports it back.
import type { FeaturePlugin } from '../platform/http/feature.ts'
import { selfServicePages } from './self-service/routes.ts'
import { staffSignInPages } from './staff-sign-in/routes.ts'
import { catalogueApi } from './catalogue/routes.ts'
import { partnersApi } from './partners/routes.ts'
import { contactsApi } from './contacts/routes.ts'
import { residentsApi } from './residents/routes.ts'
import { casesApi } from './cases/routes.ts'
import { auditSearchPages } from './audit-search/pages.ts'
import { accountRequestPages } from './account-requests/pages.ts'
import { referralPages } from './referrals/pages.ts'
import { oidcSignInPages } from './oidc-sign-in/routes.ts'
import { accountPages } from './account/routes.ts'
import { accountDetailPages } from './account-details/pages.ts'
import { knowledgePages } from './knowledge/pages.ts'
import { deskContactPages } from './desk-contacts/pages.ts'
import { deskChangePages } from './desk-changes/pages.ts'
import { deskPages } from './desk/pages.ts'
import { deskCasePages } from './desk-cases/pages.ts'
import { deskQueuePages } from './desk-queues/pages.ts'
import { deskAdminPages } from './desk-admin/pages.ts'
import { statementPages } from './statements/pages.ts'
import { open311Routes } from './open311/routes.ts'
import { openDataPages } from './open-data/pages.ts'
import { metricsApi } from './metrics/routes.ts'

import { telephonyApi } from './telephony/routes.ts'
import { telephonyPages } from './telephony/pages.ts'
import { messagePages } from './messages/pages.ts'
import { dashboardPages } from './dashboards/pages.ts'

export const apiFeatures: FeaturePlugin[] = [
  residentsApi,
  catalogueApi,
  partnersApi,
  contactsApi,
  casesApi,
  metricsApi,
  telephonyApi,
]

export const pageFeatures: FeaturePlugin[] = [
  selfServicePages,
  staffSignInPages,
  oidcSignInPages,
  accountPages,
  accountDetailPages,
  referralPages,
  accountRequestPages,
  auditSearchPages,
  knowledgePages,
  deskContactPages,
  deskChangePages,
  deskPages,
  deskCasePages,
  deskQueuePages,
  deskAdminPages,
  statementPages,
  open311Routes,
  telephonyPages,
  openDataPages,
  messagePages,
  dashboardPages,
]
