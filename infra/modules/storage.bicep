// One storage account for the Functions host, the deployment package, the data tables and the raw archive.
// Keyless: shared-key access is off, so every client authenticates with Microsoft Entra ID.

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the account.')
param tags { *: string }

@description('Prefix for every table name (Storage:TablePrefix in the app); empty in a normal deployment.')
param tablePrefix string

@description('Blob container for raw source downloads (Storage:RawContainer in the app).')
param rawContainerName string

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Days after its last change before a raw download moves to the cool tier.')
@minValue(1)
param rawCoolAfterDays int

@description('Days after its last change before a raw download is deleted.')
@minValue(1)
param rawDeleteAfterDays int

@description('Reachable only through private endpoints (private networking on): public network access off.')
param privateOnly bool

// Table names the app derives from Storage:TablePrefix: datasets, datasetrows, refreshruns.
var tableNames = [
  '${tablePrefix}datasets'
  '${tablePrefix}datasetrows'
  '${tablePrefix}refreshruns'
]

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Without private networking the app reaches storage over its public endpoint (access still needs an Entra
    // token and a data role); with it, through private endpoints only.
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateOnly ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }

    resource rawContainer 'containers' = {
      name: rawContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource tableServices 'tableServices' = {
    name: 'default'

    resource tables 'tables' = [
      for tableName in tableNames: {
        name: tableName
      }
    ]
  }

  // Raw downloads are evidence of what a source served; they cool after a while and are removed much later.
  resource managementPolicies 'managementPolicies' = {
    name: 'default'
    properties: {
      policy: {
        rules: [
          {
            name: 'raw-archive-aging'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: [
                  'blockBlob'
                ]
                // A prefix match starts with the container name: every blob in the raw container.
                prefixMatch: [
                  '${rawContainerName}/'
                ]
              }
              actions: {
                baseBlob: {
                  tierToCool: {
                    daysAfterModificationGreaterThan: rawCoolAfterDays
                  }
                  delete: {
                    daysAfterModificationGreaterThan: rawDeleteAfterDays
                  }
                }
              }
            }
          }
        ]
      }
    }
  }
}

var storageSuffix = environment().suffixes.storage

output name string = account.name
output id string = account.id
output blobServiceUri string = 'https://${account.name}.blob.${storageSuffix}'
output queueServiceUri string = 'https://${account.name}.queue.${storageSuffix}'
output tableServiceUri string = 'https://${account.name}.table.${storageSuffix}'
output deploymentContainerUrl string = 'https://${account.name}.blob.${storageSuffix}/${deploymentContainerName}'
output tableNames string[] = tableNames
