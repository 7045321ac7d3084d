// The app's secrets: a Key Vault with RBAC (no access policies), the app's identity as Key Vault Secrets User on
// this vault alone. App settings hold a Key Vault reference, never the secret: it is not in the deployment's
// parameters of the function app module, nor in the app's settings.

@description('Key Vault name (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags { *: string }

@description('Object id of the app\'s managed identity, which reads the secrets.')
param appPrincipalId string

@description('Stable value known before deployment (the identity\'s name) that names the role assignment, so what-if can predict it.')
param assignmentSeed string

@description('UN Comtrade subscription key; empty stores no secret.')
@secure()
param comtradeSubscriptionKey string

@description('Whether a key is given (!empty of the key, computed by the caller: an output may not depend on a secure value).')
param hasComtradeKey bool

@description('Reachable only through a private endpoint (private networking on).')
param privateOnly bool

// Built-in role definition id (the same in every tenant).
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var comtradeSecretName = 'comtrade-subscription-key'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateOnly ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource comtradeSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (hasComtradeKey) {
  parent: vault
  name: comtradeSecretName
  properties: {
    value: comtradeSubscriptionKey
    contentType: 'UN Comtrade API subscription key'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, assignmentSeed, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

output id string = vault.id
output name string = vault.name

// The app setting's value: a Key Vault reference to the versionless secret (the app picks up a rotated key), or
// empty when no key was given (the app then uses the keyless preview).
output comtradeSubscriptionKeySetting string = !hasComtradeKey
  ? ''
  : '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${comtradeSecretName})'
