// Data roles for one principal, scoped to the storage account and to Application Insights, never wider.

@description('Object id of the principal that gets the roles.')
param principalId string

@description('Stable value known before deployment (the identity\'s name, or the principal id parameter) that names the assignments, so what-if can predict them.')
param assignmentSeed string

@description('Kind of principal: the app identity is a ServicePrincipal, a developer a User.')
@allowed([
  'ServicePrincipal'
  'User'
  'Group'
])
param principalType string

@description('Storage account the data roles are scoped to.')
param storageAccountName string

@description('Application Insights component the metrics role is scoped to.')
param applicationInsightsName string

@description('Also grant Storage Queue Data Contributor; needed only when queue or blob triggers are added.')
param includeQueueRole bool

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// Blob Data Owner: the host's blob leases (timer singletons, schedule status) and the deployment package.
// Table Data Contributor: the app's datasets, rows and refresh runs, and the host's diagnostic tables.
var storageRoles = concat(
  [
    roles.storageBlobDataOwner
    roles.storageTableDataContributor
  ],
  includeQueueRole ? [roles.storageQueueDataContributor] : []
)

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storageAccount.id, assignmentSeed, roleId)
    scope: storageAccount
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, assignmentSeed, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}
