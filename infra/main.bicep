// RareEarthApi on Azure: one resource group with the function app, its storage, monitoring and alerts.
// Keyless throughout: every client authenticates with the app's user-assigned managed identity.
// Deploy with `azd up`, or `az deployment sub create` (docs/deploy.md).
targetScope = 'subscription'

@description('Name of the environment (azd: AZURE_ENV_NAME); names the resource group and seeds the resource token.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region for every resource (azd: AZURE_LOCATION). Must offer the Flex Consumption plan.')
@minLength(1)
param location string

@description('Object id of the deploying user or service principal (azd: AZURE_PRINCIPAL_ID).')
param principalId string = ''

@description('Kind of the deploying principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Give the deploying principal the app\'s data roles too (read tables and raw files with Entra ID; shared keys are off).')
param grantPrincipalDataAccess bool = false

@description('Also grant Storage Queue Data Contributor. The app uses no queue or blob trigger and the host keeps timer leases in blobs, so it is off until such a trigger is added.')
param grantQueueAccess bool = false

@description('Memory of one function app instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the function app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Origins allowed to read the API from a browser, e.g. ["https://example.org"]; ["*"] allows any.')
param corsAllowedOrigins string[] = [
  '*'
]

@description('Prefix for every table name (Storage:TablePrefix), for side-by-side deployments in one account.')
@maxLength(21)
param tablePrefix string = ''

@description('Days after which raw source downloads move to the cool tier.')
@minValue(1)
param rawCoolAfterDays int = 30

@description('Days after which raw source downloads are deleted.')
@minValue(1)
param rawDeleteAfterDays int = 730

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('E-mail address for refresh-failed and data-stale alerts; empty creates the alert rules without notifications.')
param alertEmailAddress string = ''

@description('Seconds between an instance\'s checks for a new dataset version (Serving:VersionCheckSeconds).')
@minValue(0)
@maxValue(3600)
param servingVersionCheckSeconds int = 30

@description('Seconds browsers and CDNs may cache a dataset response (Serving:CacheMaxAgeSeconds).')
@minValue(0)
@maxValue(86400)
param servingCacheMaxAgeSeconds int = 300

@description('Load the bundled seed data into empty tables at startup (Seed:LoadWhenEmpty).')
param seedLoadWhenEmpty bool = true

@description('At startup, add the bundled editions a published dataset lacks, keeping what it serves (Seed:AddMissingEditions).')
param seedAddMissingEditions bool = true

@description('NCRONTAB schedule of the USGS refresh (UTC).')
param usgsRefreshSchedule string = '0 0 6 * * 1'

@description('NCRONTAB schedule of the UN Comtrade refresh (UTC).')
param comtradeRefreshSchedule string = '0 30 6 * * 1'

@description('NCRONTAB schedule of the curated-files refresh (UTC).')
param curatedRefreshSchedule string = '0 0 7 * * *'

@description('ScienceBase item URL; {itemId} is replaced with the edition\'s item id.')
param usgsItemUrlTemplate string = 'https://www.sciencebase.gov/catalog/item/{itemId}?format=json'

@description('UN Comtrade API base URL.')
param comtradeBaseUrl string = 'https://comtradeapi.un.org'

@description('URL of the curated refining-share file; empty means uploads through the admin endpoint only.')
param curatedRefiningUrl string = ''

@description('URL of the curated export-restrictions file; empty means uploads through the admin endpoint only.')
param curatedRestrictionsUrl string = ''

@description('UN Comtrade subscription key; empty uses the keyless preview (500 records a call). Stored in the Key Vault; the app setting holds a Key Vault reference.')
@secure()
param comtradeSubscriptionKey string = ''

@description('Private networking: a virtual network the app joins, with private endpoints for storage and the Key Vault, whose public access is then off. Off by default.')
param privateNetworking bool = false

@description('A refresh whose row count drops by more than this share of the served version is rejected (0 to 1).')
param refreshMaxRowDropFraction string = '0.2'

@description('Days a dataset\'s previous versions are kept (the current and the one before it are always kept).')
param refreshKeepVersionsDays int = 30

@description('Hours without a successful refresh after which GET /api/v1/datasets marks a dataset stale.')
param refreshStaleAfterHours int = 192

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var rawContainerName = 'raw'
var deploymentContainerName = 'deploymentpackage'
// Names known before deployment, so modules that refer to another module's resources by name stay
// predictable for what-if; the dependsOn below keep the order.
var names = {
  identity: 'id-${resourceToken}'
  storage: 'st${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  vnet: 'vnet-${resourceToken}'
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: names.storage
    location: location
    tags: tags
    tablePrefix: tablePrefix
    rawContainerName: rawContainerName
    deploymentContainerName: deploymentContainerName
    rawCoolAfterDays: rawCoolAfterDays
    rawDeleteAfterDays: rawDeleteAfterDays
    privateOnly: privateNetworking
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    name: names.keyVault
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    assignmentSeed: names.identity
    comtradeSubscriptionKey: comtradeSubscriptionKey
    hasComtradeKey: !empty(comtradeSubscriptionKey)
    privateOnly: privateNetworking
  }
}

module network 'modules/network.bicep' = if (privateNetworking) {
  name: 'network'
  scope: resourceGroup
  dependsOn: [
    storage
    keyVault
  ]
  params: {
    name: names.vnet
    location: location
    tags: tags
    storageAccountName: names.storage
    keyVaultName: names.keyVault
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module appRoles 'modules/role-assignments.bicep' = {
  name: 'app-roles'
  scope: resourceGroup
  dependsOn: [
    storage
    monitoring
  ]
  params: {
    principalId: identity.outputs.principalId
    assignmentSeed: names.identity
    principalType: 'ServicePrincipal'
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    includeQueueRole: grantQueueAccess
  }
}

module principalRoles 'modules/role-assignments.bicep' = if (grantPrincipalDataAccess && !empty(principalId)) {
  name: 'principal-roles'
  scope: resourceGroup
  dependsOn: [
    storage
    monitoring
  ]
  params: {
    principalId: principalId
    assignmentSeed: principalId
    principalType: principalType
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    includeQueueRole: grantQueueAccess
  }
}

// Every name here is listed in infra/app-settings.contract.json; the tests compare the two.
var appSettings = {
  // Functions host storage through the identity; there is no AzureWebJobsStorage connection string.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobServiceUri
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueServiceUri
  AzureWebJobsStorage__tableServiceUri: storage.outputs.tableServiceUri
  // The app's own data clients (StorageOptions): service URIs and the identity, no connection string.
  Storage__TableServiceUri: storage.outputs.tableServiceUri
  Storage__BlobServiceUri: storage.outputs.blobServiceUri
  Storage__ClientId: identity.outputs.clientId
  Storage__TablePrefix: tablePrefix
  Storage__RawContainer: rawContainerName
  Serving__VersionCheckSeconds: string(servingVersionCheckSeconds)
  Serving__CacheMaxAgeSeconds: string(servingCacheMaxAgeSeconds)
  Seed__LoadWhenEmpty: string(seedLoadWhenEmpty)
  Seed__AddMissingEditions: string(seedAddMissingEditions)
  // Application Insights with Entra authentication (local auth is off on the component).
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
  // Refresh schedules (NCRONTAB, read as %Name% by the timer triggers) and source URLs.
  UsgsRefreshSchedule: usgsRefreshSchedule
  ComtradeRefreshSchedule: comtradeRefreshSchedule
  CuratedRefreshSchedule: curatedRefreshSchedule
  Refresh__Usgs__ItemUrlTemplate: usgsItemUrlTemplate
  Refresh__Comtrade__BaseUrl: comtradeBaseUrl
  Refresh__Curated__RefiningUrl: curatedRefiningUrl
  Refresh__Curated__RestrictionsUrl: curatedRestrictionsUrl
  // A Key Vault reference (or empty), never the key: the secure parameter goes to the vault alone.
  Refresh__Comtrade__SubscriptionKey: keyVault.outputs.comtradeSubscriptionKeySetting
  Refresh__MaxRowDropFraction: refreshMaxRowDropFraction
  Refresh__KeepVersionsDays: string(refreshKeepVersionsDays)
  Refresh__StaleAfterHours: string(refreshStaleAfterHours)
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: resourceGroup
  // The host reads its storage as soon as it starts: grant the roles first.
  dependsOn: [
    appRoles
  ]
  params: {
    planName: names.plan
    name: names.functionApp
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    corsAllowedOrigins: corsAllowedOrigins
    appSettings: appSettings
    virtualNetworkSubnetId: network.?outputs.appSubnetId ?? ''
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: resourceGroup
  params: {
    namePrefix: resourceToken
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    alertEmailAddress: alertEmailAddress
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output API_BASE_URL string = 'https://${functionApp.outputs.defaultHostName}/api'
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
